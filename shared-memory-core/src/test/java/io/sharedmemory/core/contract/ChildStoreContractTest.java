package io.sharedmemory.core.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.it.AgentProcess;
import io.sharedmemory.core.it.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.awaitility.Awaitility.await;

/** The contract in the child role: this JVM is a child of a main in a JVM of its own, over a real socket. */
class ChildStoreContractTest extends KeyValueStoreContract {

    private static Path directory;

    private static AgentProcess main;

    private static SharedMemoryStore child;

    @BeforeAll
    static void startMainAndConnect() throws IOException {
        directory = Files.createTempDirectory(Path.of("/tmp"), "smc");
        Path socket = directory.resolve("m.sock");
        main = AgentProcess.main(socket);
        child = SharedMemory.builder().socketPath(socket).requestTimeout(Duration.ofSeconds(10))
                .trustedPackages(Point.class.getPackageName()).connectChild();
        await().atMost(Duration.ofSeconds(20)).until(child::isAvailable);
    }

    @AfterAll
    static void stopAll() throws IOException {
        try {
            child.close();
        }
        finally {
            main.close();
            Files.deleteIfExists(directory.resolve("m.sock"));
            Files.deleteIfExists(directory);
        }
    }

    @Override
    protected KeyValueStore store() {
        return child;
    }

    @Override
    protected Role expectedRole() {
        return Role.CHILD;
    }
}
