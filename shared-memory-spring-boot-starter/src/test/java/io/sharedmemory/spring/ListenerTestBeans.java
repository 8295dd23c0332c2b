package io.sharedmemory.spring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Listener beans used by the post-processor tests. */
final class ListenerTestBeans {

    private ListenerTestBeans() {
    }

    record Person(String name, int age) {
    }

    public static class PersonBean {

        private String name;

        private int age;

        public String getName() {
            return this.name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return this.age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }

    /** Collects what its methods received. */
    abstract static class Recorder {

        final List<Object> received = new CopyOnWriteArrayList<>();
    }

    static class NoArgListener extends Recorder {

        @SharedMemoryListener("ping")
        void onPing() {
            this.received.add("pinged");
        }
    }

    static class PayloadListener extends Recorder {

        @SharedMemoryListener("people")
        void onPerson(Person person) {
            this.received.add(person);
        }

        @SharedMemoryListener(channels = "beans")
        void onBean(PersonBean bean) {
            this.received.add(bean.getName() + ":" + bean.getAge());
        }

        @SharedMemoryListener("raw")
        void onRaw(Object message) {
            this.received.add(message);
        }

        @SharedMemoryListener("crowd")
        void onCrowd(List<Person> people) {
            this.received.add(people);
        }

        @SharedMemoryListener("ages")
        void onAges(Map<String, Long> ages) {
            this.received.add(ages);
        }
    }

    static class ChannelListener extends Recorder {

        @SharedMemoryListener(patterns = "news.*")
        void onNews(String channel, String text) {
            this.received.add(channel + "=" + text);
        }
    }

    static class NumberListener extends Recorder {

        @SharedMemoryListener("int")
        void onInt(int value) {
            this.received.add(value);
        }

        @SharedMemoryListener("long")
        void onLong(Long value) {
            this.received.add(value);
        }

        @SharedMemoryListener("short")
        void onShort(short value) {
            this.received.add(value);
        }

        @SharedMemoryListener("double")
        void onDouble(double value) {
            this.received.add(value);
        }

        @SharedMemoryListener("decimal")
        void onDecimal(BigDecimal value) {
            this.received.add(value);
        }

        @SharedMemoryListener("text")
        void onText(String value) {
            this.received.add(value);
        }
    }

    static class PlaceholderListener extends Recorder {

        @SharedMemoryListener(value = "${app.channel}", patterns = "${app.prefix}.*")
        void on(String channel, Object message) {
            this.received.add(channel + "=" + message);
        }
    }

    static class ThrowingListener extends Recorder {

        private final AtomicInteger calls = new AtomicInteger();

        @SharedMemoryListener("fragile")
        void on(String message) {
            if (this.calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom on " + message);
            }
            this.received.add(message);
        }
    }

    static class BadSignatureListener {

        @SharedMemoryListener("bad")
        void on(int first, int second) {
        }
    }

    static class NoChannelListener {

        @SharedMemoryListener
        void on() {
        }
    }

    interface Greeter {

        void greet(String name);
    }

    static class GreeterImpl extends Recorder implements Greeter {

        @Override
        @SharedMemoryListener("greet")
        public void greet(String name) {
            this.received.add("hello " + name);
        }
    }

    static class HiddenListener extends Recorder implements Greeter {

        @Override
        public void greet(String name) {
        }

        @SharedMemoryListener("hidden")
        public void notOnTheInterface(String message) {
            this.received.add(message);
        }
    }
}
