package io.sharedmemory.core.internal.server;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message main's listeners lose is counted and reported, without a line per message. */
class DroppedMessagesTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger(DroppedMessages.class);

    private long now = -5;

    private final DroppedMessages dropped = new DroppedMessages(2000, () -> this.now);

    @BeforeEach
    void capture() {
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    @AfterEach
    void release() {
        this.logger.detachAppender(this.appender);
    }

    @Test
    void theFirstDropIsLoggedAtOnceThenAtMostOnceAnInterval() {
        this.dropped.dropped("channel news");
        assertThat(lines()).singleElement().asString().startsWith("WARN Dropped 1 message(s)")
            .contains("channel news").contains("2000 messages behind (shared-memory.max-pending-messages)")
            .contains("1 dropped in all");
        for (int i = 0; i < 999; i++) {
            this.now += Duration.ofMillis(10).toNanos() - 1;
            this.dropped.dropped("pattern news.*");
        }
        assertThat(lines()).as("999 drops within 10 s: no new line").hasSize(1);
        this.now += Duration.ofSeconds(1).toNanos();
        this.dropped.dropped("pattern news.*");
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).startsWith("WARN Dropped 1000 message(s)").contains("pattern news.*")
            .contains("1001 dropped in all");
        assertThat(this.dropped.total()).isEqualTo(1001);
    }

    @Test
    void flushReportsWhatNoLineHasYet() {
        this.dropped.flush();
        assertThat(lines()).as("nothing dropped, nothing said").isEmpty();
        this.dropped.dropped("channel a");
        this.dropped.dropped("channel a");
        this.dropped.dropped("channel b");
        this.dropped.flush();
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).isEqualTo("WARN Dropped 2 more message(s) for main's listeners "
                + "(shared-memory.max-pending-messages); 3 dropped in all");
        this.dropped.flush();
        assertThat(lines()).hasSize(2);
    }

    private List<String> lines() {
        return this.appender.list.stream().map((e) -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
}
