package io.sharedmemory.autoconfigure;

import io.sharedmemory.core.SocketInUseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure of a main process whose socket is already served by another live
 * main process. The socket is never taken over, because the running main owns data that its
 * children rely on.
 */
public class SocketInUseFailureAnalyzer extends AbstractFailureAnalyzer<SocketInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SocketInUseException cause) {
        String description = "Shared memory could not start as main: another live main process is serving the socket "
                + cause.getSocketPath() + " set by 'shared-memory.socket-path'.";
        String action = "Stop the other main process, or give this application its own socket with "
                + "'shared-memory.socket-path', or run it as a child of the other one with 'shared-memory.role=child'.";
        return new FailureAnalysis(description, action, cause);
    }
}
