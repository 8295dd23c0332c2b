package io.sharedmemory.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.sharedmemory.core.Role;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code shared-memory.role} is the given role ({@code main} when unset). The role
 * is bound as the properties bind it, so an unknown role fails startup with the same
 * bind error that {@link SharedMemoryRoleFailureAnalyzer} explains.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRoleCondition.class)
@interface ConditionalOnRole {

    /**
     * The role that matches.
     * @return the role
     */
    Role value();
}
