package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.InvalidSocketPathException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a socket path that cannot be used, typically one longer
 * than the 107 bytes a Unix-domain socket path may have.
 */
public class InvalidSocketPathFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSocketPathException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSocketPathException cause) {
        String description = "The socket path configured by 'shared-memory.socket-path' cannot be used."
                + System.lineSeparator() + System.lineSeparator() + "    " + cause.getMessage();
        String action = "Set 'shared-memory.socket-path' to a shorter path in a folder only you can write to, "
                + "at most " + InvalidSocketPathException.MAX_PATH_BYTES + " bytes long, "
                + "for example /tmp/shared-memory-" + System.getProperty("user.name") + "/app.sock.";
        return new FailureAnalysis(description, action, cause);
    }
}
