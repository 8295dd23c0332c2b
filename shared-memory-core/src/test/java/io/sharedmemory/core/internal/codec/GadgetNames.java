package io.sharedmemory.core.internal.codec;

import java.util.List;

/**
 * Class names that deserialization exploits have used (Jackson polymorphic typing, Java
 * serialization chains, JNDI lookups). None may ever be loaded because a value named it.
 */
public final class GadgetNames {

    /** Known gadgets outside java.lang, java.util and java.time. */
    public static final List<String> UNTRUSTED = List.of("com.sun.rowset.JdbcRowSetImpl",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
            "org.apache.xalan.xsltc.trax.TemplatesImpl",
            "org.apache.commons.collections.functors.InvokerTransformer",
            "org.apache.commons.collections4.functors.InstantiateTransformer",
            "org.springframework.context.support.ClassPathXmlApplicationContext",
            "org.springframework.beans.factory.config.PropertyPathFactoryBean",
            "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",
            "ch.qos.logback.core.db.DriverManagerConnectionSource",
            "org.apache.tomcat.dbcp.dbcp2.BasicDataSource",
            "com.zaxxer.hikari.HikariConfig",
            "javax.management.BadAttributeValueExpException",
            "javax.naming.InitialContext",
            "javax.script.ScriptEngineManager",
            "java.net.URLClassLoader",
            "java.net.URL",
            "java.rmi.server.UnicastRemoteObject",
            "sun.misc.Unsafe",
            "groovy.util.Expando",
            "org.codehaus.groovy.runtime.MethodClosure");

    /**
     * JDK classes inside the always-trusted packages that would be dangerous to build from
     * JSON; the codec refuses them because they are neither records nor enums.
     */
    public static final List<String> INSIDE_TRUSTED_PACKAGES = List.of("java.lang.ProcessBuilder",
            "java.lang.Runtime", "java.lang.Thread", "java.lang.ClassLoader", "java.util.logging.FileHandler",
            "java.util.PriorityQueue", "java.util.concurrent.ThreadPoolExecutor");

    /** All of them. */
    public static final List<String> ALL = java.util.stream.Stream.concat(UNTRUSTED.stream(),
            INSIDE_TRUSTED_PACKAGES.stream()).toList();

    private GadgetNames() {
    }
}
