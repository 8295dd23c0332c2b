package io.sharedmemory.autoconfigure;

import io.sharedmemory.spring.ApplicationCommand;
import io.sharedmemory.spring.ChildConnectionSettings;
import io.sharedmemory.spring.ChildProcessLauncher;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/** What the role configurations build alike: the class loader of values, and the launcher. */
final class StoreBeans {

    private StoreBeans() {
    }

    static ClassLoader classLoader(ApplicationContext context) {
        return (context.getClassLoader() != null) ? context.getClassLoader() : ClassUtils.getDefaultClassLoader();
    }

    static ChildProcessLauncher launcher(SharedMemoryProperties properties, ApplicationContext context,
            ChildConnectionSettings connection) {
        ApplicationCommand command = new ApplicationCommand(properties.getLauncher().getMainClass(),
                () -> applicationClass(context));
        return new ChildProcessLauncher(connection, command, properties.getLauncher().getStopTimeout());
    }

    private static Class<?> applicationClass(ApplicationContext context) {
        String[] names = context.getBeanNamesForAnnotation(SpringBootConfiguration.class);
        if (names.length != 1) {
            return null;
        }
        Class<?> type = context.getType(names[0]);
        return (type != null) ? ClassUtils.getUserClass(type) : null;
    }
}
