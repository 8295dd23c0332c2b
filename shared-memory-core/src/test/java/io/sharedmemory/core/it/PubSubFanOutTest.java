package io.sharedmemory.core.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.Subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Published messages reach main and every subscribed child, once each and in publish order. */
class PubSubFanOutTest {

    private static final int COUNT = 500;

    @TempDir
    Path folder;

    private SharedMemoryStore main;

    private AgentProcess first;

    private AgentProcess second;

    @BeforeEach
    void start() throws Exception {
        Path socket = this.folder.resolve("pubsub.sock");
        this.main = SharedMemory.builder().socketPath(socket).startMain();
        this.first = AgentProcess.child(socket);
        this.second = AgentProcess.child(socket);
    }

    @AfterEach
    void stop() {
        this.first.close();
        this.second.close();
        this.main.close();
    }

    @Test
    void aChildsMessagesReachMainAndBothChildrenInOrder() {
        List<Object> inMain = new CopyOnWriteArrayList<>();
        Subscription subscription = this.main.subscribe("news", inMain::add);
        this.first.call("subscribe news");
        this.second.call("subscribe news");

        this.first.call("publishmany news " + COUNT + " m");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            expected.add("m-" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> inMain.size() >= COUNT
                && this.first.messages().size() >= COUNT && this.second.messages().size() >= COUNT);
        assertThat(inMain).containsExactlyElementsOf(expected);
        assertThat(drain(this.first)).containsExactlyElementsOf(prefixed("MSG news ", expected));
        assertThat(drain(this.second)).containsExactlyElementsOf(prefixed("MSG news ", expected));
        subscription.close();
    }

    @Test
    void patternSubscriptionsGetTheChannelAndOnlyMatchingMessages() {
        List<String> inMain = new CopyOnWriteArrayList<>();
        this.main.subscribePattern("orders.*", (channel, message) -> inMain.add(channel + "=" + message));
        this.first.call("psubscribe orders.*");
        this.second.call("subscribe unrelated");

        this.main.publish("orders.eu", "o1");
        this.second.call("publish orders.us o2");
        this.second.call("publish invoices.eu i1");
        this.second.call("publish unrelated u1");

        await().atMost(Duration.ofSeconds(10)).until(() -> inMain.size() == 2 && this.first.messages().size() == 2
                && this.second.messages().size() == 1);
        assertThat(inMain).containsExactly("orders.eu=o1", "orders.us=o2");
        assertThat(drain(this.first)).containsExactly("PMSG orders.* orders.eu o1", "PMSG orders.* orders.us o2");
        assertThat(drain(this.second)).containsExactly("MSG unrelated u1");
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() {
        List<Object> inMain = new CopyOnWriteArrayList<>();
        Subscription subscription = this.main.subscribe("c", inMain::add);
        this.first.call("publish c one");
        await().atMost(Duration.ofSeconds(10)).until(() -> inMain.size() == 1);
        subscription.close();
        subscription.close();
        List<Object> sentinel = new CopyOnWriteArrayList<>();
        this.main.subscribe("c", sentinel::add);
        this.first.call("publish c two");
        this.main.publish("c", "three");
        await().atMost(Duration.ofSeconds(10)).until(() -> sentinel.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> inMain.size() == 1);
        assertThat(inMain).containsExactly("one");
    }

    private static List<String> drain(AgentProcess agent) {
        List<String> lines = new ArrayList<>();
        agent.messages().drainTo(lines);
        return lines;
    }

    private static List<String> prefixed(String prefix, List<String> values) {
        return values.stream().map((value) -> prefix + value).toList();
    }
}
