package io.sharedmemory.core.it;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Collects what one logger of this JVM logs while open, so tests can name the log line they expect. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Level levelBefore;

    private LogCapture(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.levelBefore = this.logger.getLevel();
        if (level != null) {
            this.logger.setLevel(level);
        }
        this.appender.start();
        this.logger.addAppender(this.appender);
    }

    /** Starts capturing a logger, e.g. {@code io.sharedmemory.core.internal.server.ChildConnection}. */
    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName, null);
    }

    /** Starts capturing a logger with its debug lines too; its level is restored on close. */
    static LogCapture withDebug(String loggerName) {
        return new LogCapture(loggerName, Level.DEBUG);
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
        this.logger.setLevel(this.levelBefore);
    }
}
