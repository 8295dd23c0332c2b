package io.sharedmemory.core.internal.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.StoreImage;
import io.sharedmemory.core.internal.store.StoredValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large store's image: how long writers are held (the exclusive hold that copies references)
 * against how long the whole snapshot takes, and that every key comes back. 100 000 keys in the
 * build; {@code -Dshared-memory.snapshot-pause.keys=1000000} for the figure in RELIABILITY.md.
 */
class SnapshotPauseTest {

    @TempDir
    Path folder;

    @Test
    void writersAreHeldOnlyWhileReferencesAreCopied() throws Exception {
        int keys = Integer.getInteger("shared-memory.snapshot-pause.keys", 100_000);
        ValueCodec codec = new ValueCodec(List.of(), null);
        InMemoryStore store = new InMemoryStore(codec);
        long filling = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            store.set("key:" + i, StoredValue.encoded(codec.encode("value number " + i)), (i % 10 == 0) ? 3_600_000 : 0);
        }
        System.out.printf("filling %d keys: %d ms%n", keys, (System.nanoTime() - filling) / 1_000_000);
        PersistenceFiles files = new PersistenceFiles(java.nio.file.Files.createDirectories(this.folder.resolve("data")));
        long[] pauses = new long[3];
        long[] totals = new long[3];
        for (int round = 0; round < pauses.length; round++) {
            long start = System.nanoTime();
            StoreImage image = store.image(() -> { });
            pauses[round] = System.nanoTime() - start;
            SnapshotFile.write(files, image, round + 1);
            totals[round] = System.nanoTime() - start;
            assertThat(image.size()).isEqualTo(keys);
        }
        System.out.printf("snapshot of %d keys: writers held %s ms, whole snapshot %s ms (3 rounds), file %d bytes%n",
                keys, millis(pauses), millis(totals), java.nio.file.Files.size(files.snapshot()));

        InMemoryStore restored = new InMemoryStore(codec);
        Persistence persistence = Persistence.create(new PersistenceSettings(PersistenceSettings.Mode.SNAPSHOT,
                files.directory(), Duration.ofHours(1), PersistenceSettings.Fsync.EVERYSEC), restored, Duration.ofSeconds(5));
        long start = System.nanoTime();
        persistence.open();
        System.out.printf("restore of %d keys: %d ms%n", keys, (System.nanoTime() - start) / 1_000_000);
        try {
            assertThat(restored.size()).isEqualTo(keys);
            assertThat(restored.get("key:" + (keys - 1)).bytes()).isEqualTo(codec.encode("value number " + (keys - 1)));
        }
        finally {
            persistence.close();
        }
    }

    private static String millis(long[] nanos) {
        StringBuilder text = new StringBuilder();
        for (long value : nanos) {
            text.append(text.length() == 0 ? "" : " / ").append(value / 1_000_000);
        }
        return text.toString();
    }
}
