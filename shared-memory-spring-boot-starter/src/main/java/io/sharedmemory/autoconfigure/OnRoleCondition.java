package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.Role;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnRole}. */
class OnRoleCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Role wanted = (Role) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
        Role role = Binder.get(context.getEnvironment()).bind(SharedMemoryRoleFailureAnalyzer.PROPERTY, Role.class)
                .orElse(Role.MAIN);
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnRole.class, wanted);
        return (role == wanted) ? ConditionOutcome.match(message.because("the role is " + role))
                : ConditionOutcome.noMatch(message.because("the role is " + role));
    }
}
