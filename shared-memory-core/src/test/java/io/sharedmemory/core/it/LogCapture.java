package io.sharedmemory.core.it;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Collects what one logger of this JVM logs while open, so tests can name the log line they expect. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    /** Starts capturing a logger, e.g. {@code io.sharedmemory.core.server.ChildConnection}. */
    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The lines logged so far, as {@code LEVEL message}. */
    List<String> lines() {
        // AppenderBase appends while holding the appender's lock.
        synchronized (this.appender) {
            return this.appender.list.stream().map((e) -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** Tells whether a line contains every one of the parts. */
    boolean has(String... parts) {
        return lines().stream().anyMatch((line) -> java.util.Arrays.stream(parts).allMatch(line::contains));
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.appender);
    }
}
