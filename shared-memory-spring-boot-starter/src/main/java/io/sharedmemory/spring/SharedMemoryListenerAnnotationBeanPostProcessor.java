package io.sharedmemory.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds {@link SharedMemoryListener @SharedMemoryListener} methods on beans and registers an
 * endpoint for each with the {@link SharedMemoryListenerEndpointRegistry}, which subscribes them
 * (or, for {@link SharedMemoryListener#keys()}, watches them) when the context starts. Modelled on Spring Kafka's {@code KafkaListenerAnnotationBeanPostProcessor}.
 * <p>
 * It runs last among post-processors, so it sees the final bean: when that bean is an AOP proxy,
 * the annotations are read from the target class and the method is invoked through the proxy,
 * keeping advice such as transactions in force. Channel names and patterns may hold
 * {@code ${...}} placeholders and {@code #{...}} expressions.
 */
public class SharedMemoryListenerAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware, Ordered {

    /** The bean name under which the auto-configuration registers this post-processor. */
    public static final String BEAN_NAME = "io.sharedmemory.spring.internalSharedMemoryListenerAnnotationProcessor";

    // Classes already known to have no listener method; most beans are skipped after one look.
    private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

    private ConfigurableBeanFactory beanFactory;

    private volatile SharedMemoryListenerEndpointRegistry registry;

    private volatile SharedMemoryPayloadConverter converter;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        Assert.isInstanceOf(ConfigurableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof AopInfrastructureBean || bean instanceof SharedMemoryListenerEndpointRegistry) {
            return bean;
        }
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (this.nonAnnotatedClasses.contains(targetClass)) {
            return bean;
        }
        Map<Method, SharedMemoryListener> annotated = findListenerMethods(targetClass);
        if (annotated.isEmpty()) {
            this.nonAnnotatedClasses.add(targetClass);
            return bean;
        }
        annotated.forEach((method, annotation) -> register(bean, beanName, method, annotation));
        return bean;
    }

    private Map<Method, SharedMemoryListener> findListenerMethods(Class<?> targetClass) {
        if (!AnnotationUtils.isCandidateClass(targetClass, SharedMemoryListener.class)) {
            return Map.of();
        }
        return MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<SharedMemoryListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, SharedMemoryListener.class));
    }

    private void register(Object bean, String beanName, Method method, SharedMemoryListener annotation) {
        Method invocable = invocableMethod(bean, beanName, method);
        List<String> channels = resolve(annotation.channels());
        List<String> patterns = resolve(annotation.patterns());
        List<String> keys = resolve(annotation.keys());
        if (annotation.keys().length > 0) {
            registerKeys(bean, beanName, invocable, channels, patterns, keys);
            return;
        }
        MethodListenerInvoker invoker = new MethodListenerInvoker(bean, invocable, converter());
        if (channels.isEmpty() && patterns.isEmpty()) {
            throw new IllegalStateException("@SharedMemoryListener method " + invoker.getDescription()
                    + " on bean '" + beanName + "' names no channel and no pattern");
        }
        registry().register(new SharedMemoryListenerEndpoint(invoker.getDescription(), channels, patterns, invoker));
    }

    private void registerKeys(Object bean, String beanName, Method invocable, List<String> channels,
            List<String> patterns, List<String> keys) {
        String description = MethodListenerInvoker.describe(invocable);
        if (!channels.isEmpty() || !patterns.isEmpty()) {
            throw new IllegalStateException("@SharedMemoryListener method " + description + " on bean '" + beanName
                    + "' names keys and channels: a method receives either key changes or messages");
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("@SharedMemoryListener method " + description + " on bean '" + beanName
                    + "' names keys that resolve to no pattern");
        }
        MethodKeyEventInvoker invoker = new MethodKeyEventInvoker(bean, invocable, description);
        registry().register(new SharedMemoryKeyListenerEndpoint(description, keys, invoker));
    }

    private static Method invocableMethod(Object bean, String beanName, Method method) {
        try {
            // For a JDK proxy this is the interface method the proxy implements; for CGLIB the method itself.
            return AopUtils.selectInvocableMethod(method, bean.getClass());
        }
        catch (IllegalStateException ex) {
            throw new IllegalStateException("@SharedMemoryListener method " + method + " on bean '" + beanName
                    + "' cannot be invoked through the bean's JDK proxy; declare the method on one of its "
                    + "interfaces or use class-based proxies (spring.aop.proxy-target-class=true)", ex);
        }
    }

    private List<String> resolve(String[] values) {
        List<String> resolved = new ArrayList<>();
        for (String value : values) {
            addResolved(resolved, value);
        }
        return resolved;
    }

    private void addResolved(List<String> resolved, String value) {
        String text = this.beanFactory.resolveEmbeddedValue(value);
        Object result = text;
        BeanExpressionResolver expressions = this.beanFactory.getBeanExpressionResolver();
        if (text != null && expressions != null) {
            result = expressions.evaluate(text, new BeanExpressionContext(this.beanFactory, null));
        }
        if (result instanceof String[] array) {
            result = List.of(array);
        }
        if (result instanceof Collection<?> collection) {
            collection.forEach((item) -> addResolved(resolved, String.valueOf(item)));
        }
        else if (result != null && StringUtils.hasText(result.toString())) {
            resolved.add(result.toString().trim());
        }
    }

    private SharedMemoryListenerEndpointRegistry registry() {
        SharedMemoryListenerEndpointRegistry registry = this.registry;
        if (registry == null) {
            // Looked up on first use: creating it earlier would instantiate it while post-processors register.
            registry = this.beanFactory.getBean(SharedMemoryListenerEndpointRegistry.class);
            this.registry = registry;
        }
        return registry;
    }

    private SharedMemoryPayloadConverter converter() {
        SharedMemoryPayloadConverter converter = this.converter;
        if (converter == null) {
            converter = this.beanFactory.getBean(SharedMemoryPayloadConverter.class);
            this.converter = converter;
        }
        return converter;
    }
}
