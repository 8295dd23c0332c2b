package io.sharedmemory.spring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.sharedmemory.autoconfigure.SharedMemoryAutoConfiguration;
import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.spring.ListenerTestBeans.BadSignatureListener;
import io.sharedmemory.spring.ListenerTestBeans.ChannelListener;
import io.sharedmemory.spring.ListenerTestBeans.Greeter;
import io.sharedmemory.spring.ListenerTestBeans.GreeterImpl;
import io.sharedmemory.spring.ListenerTestBeans.HiddenListener;
import io.sharedmemory.spring.ListenerTestBeans.NoArgListener;
import io.sharedmemory.spring.ListenerTestBeans.NoChannelListener;
import io.sharedmemory.spring.ListenerTestBeans.NumberListener;
import io.sharedmemory.spring.ListenerTestBeans.PayloadListener;
import io.sharedmemory.spring.ListenerTestBeans.Person;
import io.sharedmemory.spring.ListenerTestBeans.PlaceholderListener;
import io.sharedmemory.spring.ListenerTestBeans.ThrowingListener;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link SharedMemoryListenerAnnotationBeanPostProcessor} and what it wires, one
 * signature and one conversion at a time, against an in-process {@link FakeKeyValueStore}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedMemoryListenerAnnotationBeanPostProcessorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
                SharedMemoryAutoConfiguration.class))
        .withBean(KeyValueStore.class, FakeKeyValueStore::new);

    @Test
    void noArgumentSignatureIsCalledOncePerMessage() {
        this.runner.withBean(NoArgListener.class).run((context) -> {
            store(context).publish("ping", "ignored");
            store(context).publish("ping", 42);
            assertThat(context.getBean(NoArgListener.class).received).containsExactly("pinged", "pinged");
        });
    }

    @Test
    void payloadSignatureConvertsMapToRecord() {
        this.runner.withBean(PayloadListener.class).run((context) -> {
            store(context).publish("people", Map.of("name", "Ada", "age", 36));
            assertThat(context.getBean(PayloadListener.class).received).containsExactly(new Person("Ada", 36));
        });
    }

    @Test
    void payloadSignatureConvertsMapToBean() {
        this.runner.withBean(PayloadListener.class).run((context) -> {
            store(context).publish("beans", Map.of("name", "Bob", "age", 7L));
            assertThat(context.getBean(PayloadListener.class).received).containsExactly("Bob:7");
        });
    }

    @Test
    void payloadSignaturePassesRecordAndObjectUnchanged() {
        this.runner.withBean(PayloadListener.class).run((context) -> {
            Person person = new Person("Cy", 3);
            Map<String, Object> map = Map.of("k", List.of(1, 2));
            store(context).publish("people", person);
            store(context).publish("raw", map);
            assertThat(context.getBean(PayloadListener.class).received).element(0).isSameAs(person);
            assertThat(context.getBean(PayloadListener.class).received).element(1).isSameAs(map);
        });
    }

    @Test
    void payloadSignatureConvertsGenericCollections() {
        this.runner.withBean(PayloadListener.class).run((context) -> {
            store(context).publish("crowd", List.of(Map.of("name", "A", "age", 1), Map.of("name", "B", "age", 2)));
            store(context).publish("ages", Map.of("A", 1));
            assertThat(context.getBean(PayloadListener.class).received)
                .containsExactly(List.of(new Person("A", 1), new Person("B", 2)), Map.of("A", 1L));
        });
    }

    @Test
    void channelAndPayloadSignatureReceivesChannelOfPattern() {
        this.runner.withBean(ChannelListener.class).run((context) -> {
            store(context).publish("news.sport", "goal");
            store(context).publish("weather", "rain");
            store(context).publish("news.tech", "release");
            assertThat(context.getBean(ChannelListener.class).received)
                .containsExactly("news.sport=goal", "news.tech=release");
        });
    }

    @Test
    void numbersAreWidenedAndNarrowed() {
        this.runner.withBean(NumberListener.class).run((context) -> {
            KeyValueStore store = store(context);
            store.publish("int", 7L);
            store.publish("long", 8);
            store.publish("short", 9L);
            store.publish("double", 10);
            store.publish("decimal", 11L);
            store.publish("int", "12");
            store.publish("text", 13);
            assertThat(context.getBean(NumberListener.class).received).containsExactly(7, 8L, (short) 9, 10.0,
                    new BigDecimal("11"), 12, "13");
        });
    }

    @Test
    void narrowingOverflowIsLoggedWithTheMethodNamed(CapturedOutput output) {
        this.runner.withBean(NumberListener.class).run((context) -> {
            store(context).publish("short", 100_000L);
            store(context).publish("short", 5L);
            assertThat(context.getBean(NumberListener.class).received).containsExactly((short) 5);
            assertThat(output).contains("NumberListener.onShort(short)").contains("'short'");
        });
    }

    @Test
    void unconvertibleMapIsLoggedWithTheMethodNamedAndLaterMessagesArrive(CapturedOutput output) {
        this.runner.withBean(PayloadListener.class).run((context) -> {
            store(context).publish("people", Map.of("name", "Ada", "age", "not a number"));
            store(context).publish("people", "not a person");
            store(context).publish("people", Map.of("name", "Eve", "age", 5));
            assertThat(context.getBean(PayloadListener.class).received).containsExactly(new Person("Eve", 5));
            assertThat(output).contains("Listener method " + PayloadListener.class.getName() + ".onPerson(Person)")
                .contains("skipped a message on channel 'people'");
        });
    }

    @Test
    void throwingListenerIsLoggedAndKeepsReceiving(CapturedOutput output) {
        this.runner.withBean(ThrowingListener.class).run((context) -> {
            store(context).publish("fragile", "first");
            store(context).publish("fragile", "second");
            assertThat(context.getBean(ThrowingListener.class).received).containsExactly("second");
            assertThat(output).contains("ThrowingListener.on(String) threw").contains("boom on first");
        });
    }

    @Test
    void placeholdersAreResolvedInChannelsAndPatterns() {
        this.runner.withBean(PlaceholderListener.class)
            .withPropertyValues("app.channel=orders", "app.prefix=audit")
            .run((context) -> {
                assertThat(fake(context).subscribedNames()).containsExactlyInAnyOrder("orders", "audit.*");
                store(context).publish("orders", 1);
                store(context).publish("audit.login", "u1");
                assertThat(context.getBean(PlaceholderListener.class).received)
                    .containsExactly("orders=1", "audit.login=u1");
            });
    }

    @Test
    void unresolvablePlaceholderFailsStartup() {
        this.runner.withBean(PlaceholderListener.class).run((context) -> assertThat(context).hasFailed()
            .getFailure()
            .hasStackTraceContaining("app.channel"));
    }

    @Test
    void jdkProxiedBeanIsInvokedThroughTheProxy() {
        this.runner.withBean(GreeterImpl.class)
            .withBean(CountingProxyCreator.class, () -> new CountingProxyCreator(false))
            .run((context) -> {
                Greeter greeter = context.getBean(Greeter.class);
                assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();
                store(context).publish("greet", "Ann");
                assertThat(context.getBean(CountingProxyCreator.class).calls).hasValue(1);
                GreeterImpl target = (GreeterImpl) ((org.springframework.aop.framework.Advised) greeter)
                    .getTargetSource().getTarget();
                assertThat(target.received).containsExactly("hello Ann");
            });
    }

    @Test
    void cglibProxiedBeanIsInvokedThroughTheProxy() {
        this.runner.withBean(GreeterImpl.class)
            .withBean(CountingProxyCreator.class, () -> new CountingProxyCreator(true))
            .run((context) -> {
                assertThat(AopUtils.isCglibProxy(context.getBean(Greeter.class))).isTrue();
                store(context).publish("greet", "Ben");
                assertThat(context.getBean(CountingProxyCreator.class).calls).hasValue(1);
            });
    }

    @Test
    void methodMissingFromJdkProxyInterfacesFailsStartupWithAdvice() {
        this.runner.withBean(HiddenListener.class)
            .withBean(CountingProxyCreator.class, () -> new CountingProxyCreator(false))
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("notOnTheInterface")
                .hasStackTraceContaining("spring.aop.proxy-target-class=true"));
    }

    @Test
    void unsupportedSignatureFailsStartupNamingTheMethod() {
        this.runner.withBean(BadSignatureListener.class).run((context) -> assertThat(context).hasFailed()
            .getFailure()
            .hasStackTraceContaining("BadSignatureListener.on(int, int)")
            .hasStackTraceContaining("(), (P payload) or (String channel, P payload)"));
    }

    @Test
    void listenerWithoutChannelFailsStartup() {
        this.runner.withBean(NoChannelListener.class).run((context) -> assertThat(context).hasFailed()
            .getFailure()
            .hasStackTraceContaining("names no channel and no pattern"));
    }

    @Test
    void subscribesAfterTheContextStartedAndUnsubscribesOnClose() {
        FakeKeyValueStore store = new FakeKeyValueStore();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SharedMemoryAutoConfiguration.class))
            .withBean(KeyValueStore.class, () -> store)
            .withUserConfiguration(ProbeConfiguration.class)
            .withBean(PayloadListener.class)
            .run((context) -> {
                // The probe started in an earlier phase than the registry: nothing was subscribed yet.
                assertThat(context.getBean(SubscriptionProbe.class).countAtStart).containsExactly(0);
                assertThat(store.subscriptionCount()).isEqualTo(5);
                assertThat(context.getBean(SharedMemoryListenerEndpointRegistry.class).getEndpoints()).hasSize(5);
            });
        assertThat(store.subscriptionCount()).isZero();
    }

    private static KeyValueStore store(org.springframework.context.ApplicationContext context) {
        return context.getBean(KeyValueStore.class);
    }

    private static FakeKeyValueStore fake(org.springframework.context.ApplicationContext context) {
        return (FakeKeyValueStore) store(context);
    }

    /** Proxies {@link Greeter} beans like an auto-proxy creator, counting advised calls. */
    static class CountingProxyCreator implements BeanPostProcessor, Ordered {

        final AtomicInteger calls = new AtomicInteger();

        private final boolean proxyTargetClass;

        CountingProxyCreator(boolean proxyTargetClass) {
            this.proxyTargetClass = proxyTargetClass;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!(bean instanceof Greeter)) {
                return bean;
            }
            ProxyFactory factory = new ProxyFactory(bean);
            factory.setProxyTargetClass(this.proxyTargetClass);
            factory.addAdvice((MethodInterceptor) (invocation) -> {
                this.calls.incrementAndGet();
                return invocation.proceed();
            });
            return factory.getProxy();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ProbeConfiguration {

        @Bean
        SubscriptionProbe subscriptionProbe(KeyValueStore store) {
            return new SubscriptionProbe((FakeKeyValueStore) store);
        }
    }

    /** Records how many subscriptions exist when the ordinary lifecycle beans start. */
    static class SubscriptionProbe implements SmartLifecycle {

        final List<Integer> countAtStart = new ArrayList<>();

        private final FakeKeyValueStore store;

        private boolean running;

        SubscriptionProbe(FakeKeyValueStore store) {
            this.store = store;
        }

        @Override
        public void start() {
            this.countAtStart.add(this.store.subscriptionCount());
            this.running = true;
        }

        @Override
        public void stop() {
            this.running = false;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }

        @Override
        public int getPhase() {
            return 0;
        }
    }
}
