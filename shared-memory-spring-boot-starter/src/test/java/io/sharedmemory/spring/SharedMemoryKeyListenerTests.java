package io.sharedmemory.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.sharedmemory.autoconfigure.SharedMemoryAutoConfiguration;
import io.sharedmemory.core.KeyEvent;
import io.sharedmemory.core.KeyValueStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @SharedMemoryListener(keys = …)}: the method gets the changes of matching keys (the
 * event, or nothing), placeholders resolved; the keys are watched once the context has started
 * and no longer once it closed; a bad signature, or keys mixed with channels, fails startup naming
 * the method; a method that throws is logged and gets the next change.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedMemoryKeyListenerTests {

    private final FakeKeyValueStore store = new FakeKeyValueStore();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
                SharedMemoryAutoConfiguration.class))
        .withBean(KeyValueStore.class, () -> this.store);

    @Test
    void anEventMethodGetsEveryChangeOfMatchingKeysWithPlaceholdersResolved() {
        this.runner.withPropertyValues("app.watched=config.*").withBean(EventListener.class).run((context) -> {
            assertThat(this.store.watchCount()).isEqualTo(1);
            this.store.set("config.mode", "a");
            this.store.set("config.mode", "b");
            this.store.set("other", "x");
            this.store.delete("config.mode");
            assertThat(context.getBean(EventListener.class).received).containsExactly(
                    new KeyEvent(KeyEvent.Type.SET, "config.mode", null, "a"),
                    new KeyEvent(KeyEvent.Type.SET, "config.mode", "a", "b"),
                    new KeyEvent(KeyEvent.Type.DELETE, "config.mode", "b", null));
        });
        assertThat(this.store.watchCount()).isZero();
    }

    @Test
    void aNoArgumentMethodIsCalledOncePerChangeOfEachWatchedPattern() {
        this.runner.withBean(NoArgKeyListener.class).run((context) -> {
            this.store.set("a", 1);
            this.store.set("b", 2);
            this.store.set("c", 3);
            assertThat(context.getBean(NoArgKeyListener.class).calls).containsExactly("changed", "changed");
        });
    }

    @Test
    void aMethodThatThrowsIsLoggedAndGetsTheNextChange(CapturedOutput output) {
        this.runner.withBean(ThrowingKeyListener.class).run((context) -> {
            this.store.set("k", "first");
            this.store.set("k", "second");
            assertThat(context.getBean(ThrowingKeyListener.class).calls).containsExactly("first", "second");
            assertThat(output).contains("ThrowingKeyListener.on(KeyEvent) threw on a SET of key 'k'");
        });
    }

    @Test
    void aSignatureOtherThanNoneOrKeyEventFailsStartupNamingTheMethod() {
        this.runner.withBean(BadKeySignature.class).run((context) -> assertThat(context).hasFailed()
            .getFailure()
            .hasStackTraceContaining("BadKeySignature.on(String)")
            .hasStackTraceContaining("must take () or (KeyEvent event)"));
    }

    @Test
    void keysMixedWithChannelsFailStartup() {
        this.runner.withBean(MixedListener.class).run((context) -> assertThat(context).hasFailed()
            .getFailure()
            .hasStackTraceContaining("MixedListener.on()")
            .hasStackTraceContaining("names keys and channels"));
    }

    static class EventListener {

        final List<KeyEvent> received = new CopyOnWriteArrayList<>();

        @SharedMemoryListener(keys = "${app.watched}")
        void on(KeyEvent event) {
            this.received.add(event);
        }
    }

    static class NoArgKeyListener {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @SharedMemoryListener(keys = { "a", "b" })
        void on() {
            this.calls.add("changed");
        }
    }

    static class ThrowingKeyListener {

        final List<Object> calls = new CopyOnWriteArrayList<>();

        @SharedMemoryListener(keys = "k")
        void on(KeyEvent event) {
            this.calls.add(event.newValue());
            throw new IllegalStateException("listener failure " + event.newValue());
        }
    }

    static class BadKeySignature {

        @SharedMemoryListener(keys = "k")
        void on(String key) {
        }
    }

    static class MixedListener {

        @SharedMemoryListener(channels = "news", keys = "k")
        void on() {
        }
    }
}
