package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.Role;
import io.sharedmemory.spring.ChildConnectionSettings;
import io.sharedmemory.spring.ChildProcessLauncher;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Role {@code main}: the store that owns the data and binds the socket, and the child launcher. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.MAIN)
@Import(SocketStoreConfiguration.class)
class MainStoreConfiguration {

    /** The launcher; children connect to this process's socket. */
    @Bean
    @ConditionalOnMissingBean
    ChildProcessLauncher childProcessLauncher(SharedMemoryProperties properties, ApplicationContext context) {
        return StoreBeans.launcher(properties, context, ChildConnectionSettings.socket(properties.getSocketPath()));
    }
}
