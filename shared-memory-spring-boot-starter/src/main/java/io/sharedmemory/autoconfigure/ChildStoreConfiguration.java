package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.Role;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Role {@code child}: the store that reaches main over the socket. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.CHILD)
@Import(SocketStoreConfiguration.class)
class ChildStoreConfiguration {
}
