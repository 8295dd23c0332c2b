package io.sharedmemory.core.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sharedmemory.core.KeyValueStore;
import io.sharedmemory.core.Role;
import io.sharedmemory.core.SharedMemory;
import io.sharedmemory.core.SharedMemoryStore;
import io.sharedmemory.core.it.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract in the main role: main's own calls, straight from memory. */
class MainStoreContractTest extends KeyValueStoreContract {

    private static Path directory;

    private static SharedMemoryStore main;

    @BeforeAll
    static void startMain() throws IOException {
        directory = Files.createTempDirectory(Path.of("/tmp"), "smc");
        main = SharedMemory.builder().socketPath(directory.resolve("m.sock"))
                .trustedPackages(Point.class.getPackageName()).startMain();
    }

    @AfterAll
    static void stopMain() throws IOException {
        main.close();
        Files.deleteIfExists(directory);
    }

    @Override
    protected KeyValueStore store() {
        return main;
    }

    @Override
    protected Role expectedRole() {
        return Role.MAIN;
    }
}
