package io.sharedmemory.core.internal.persistence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.testing.SeededRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;


/**
 * The file reader against truncated, bit-flipped and garbage files: it never throws, and what
 * it returns is always a prefix of the records written, cut exactly at a record boundary.
 */
class RecordFileReaderFuzzTest {

    private static final int ROUNDS = 400;

    @TempDir
    Path folder;

    @Test
    void damagedFilesAreCutCleanlyAtARecordBoundary() throws IOException {
        SeededRandom random = SeededRandom.fromSystemProperty();
        try {
            List<DiskRecord> written = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            byte[] file = validFile(random, 60, written, ends);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] damaged = file.clone();
                int kind = random.nextInt(4);
                // How many records are whole and untouched: all of them must be read, and nothing after.
                int intact;
                if (kind == 0) {
                    int length = random.nextInt(file.length);
                    damaged = Arrays.copyOf(file, length);
                    intact = wholeWithin(ends, length);
                }
                else if (kind == 1) {
                    int at = random.nextInt(file.length);
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                    intact = wholeWithin(ends, at);
                }
                else if (kind == 2) {
                    byte[] garbage = new byte[1 + random.nextInt(200)];
                    random.nextBytes(garbage);
                    damaged = Arrays.copyOf(file, file.length + garbage.length);
                    System.arraycopy(garbage, 0, damaged, file.length, garbage.length);
                    intact = written.size();
                }
                else {
                    damaged = new byte[random.nextInt(2000)];
                    random.nextBytes(damaged);
                    intact = 0;
                }
                List<DiskRecord> read = new ArrayList<>();
                RecordFileReader.Outcome outcome = RecordFileReader.read(new ByteArrayInputStream(damaged),
                        damaged.length, read::add);
                // A CRC32C catches every error of up to 32 bits, so a damaged record is never read;
                // garbage passes as a record only with a chance of 2^-32.
                assertThat(read.size()).as("records read, round %d kind %d", round, kind).isEqualTo(intact);
                for (int i = 0; i < read.size(); i++) {
                    assertSame(written.get(i), read.get(i));
                }
                assertThat(outcome.goodBytes()).isEqualTo(read.isEmpty() ? 0 : (long) ends.get(read.size() - 1));
                assertThat(outcome.records()).isEqualTo(read.size());
                assertThat(outcome.goodBytes()).isBetween(0L, (long) damaged.length);
                assertThat(outcome.clean()).isEqualTo(outcome.goodBytes() == damaged.length);
            }
        }
        catch (AssertionError | RuntimeException ex) {
            throw new AssertionError("seed " + random.seed() + " (-D" + SeededRandom.SEED_PROPERTY + ")", ex);
        }
    }

    @Test
    void aRestoreFromDamagedFilesNeverFailsAndKeepsThePrefix() throws IOException {
        SeededRandom random = SeededRandom.fromSystemProperty();
        try {
            List<DiskRecord> written = new ArrayList<>();
            List<Integer> ends = new ArrayList<>();
            byte[] file = validFile(random, 40, written, ends);
            for (int round = 0; round < 60; round++) {
                Path directory = Files.createDirectories(this.folder.resolve("r" + round));
                PersistenceFiles files = new PersistenceFiles(directory);
                byte[] damaged = file.clone();
                int at = random.nextInt(file.length);
                if (random.nextBoolean()) {
                    damaged = Arrays.copyOf(file, at);
                }
                else {
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                }
                Files.write(files.log(1), damaged);
                Files.write(files.snapshot(), Arrays.copyOf(damaged, random.nextInt(damaged.length + 1)));
                InMemoryStore store = new InMemoryStore(new ValueCodec(List.of(), null));
                StoreRestore.Restored restored = StoreRestore.restore(files, store);
                assertThat(restored.keys()).isLessThanOrEqualTo(written.size());
                long kept = Files.size(files.log(1));
                assertThat(kept).as("the log is truncated to its good part").isLessThanOrEqualTo(damaged.length);
                assertThat(kept == 0 || ends.contains((int) kept)).as("cut at a record boundary: " + kept).isTrue();
            }
        }
        catch (AssertionError | RuntimeException ex) {
            throw new AssertionError("seed " + random.seed() + " (-D" + SeededRandom.SEED_PROPERTY + ")", ex);
        }
    }

    /** How many records end within the first {@code bytes} bytes. */
    private static int wholeWithin(List<Integer> ends, int bytes) {
        return (int) ends.stream().filter((end) -> end <= bytes).count();
    }

    private static void assertSame(DiskRecord expected, DiskRecord actual) {
        if (expected instanceof DiskRecord.Put put && actual instanceof DiskRecord.Put got) {
            assertThat(got.key()).isEqualTo(put.key());
            assertThat(got.value()).isEqualTo(put.value());
            assertThat(got.deadlineMillis()).isEqualTo(put.deadlineMillis());
        }
        else if (!expected.equals(actual)) {
            fail("expected " + expected + " but read " + actual);
        }
    }

    private static byte[] validFile(SeededRandom random, int count, List<DiskRecord> written, List<Integer> ends) {
        RecordBuffer buffer = new RecordBuffer(1024);
        for (int i = 0; i < count; i++) {
            String key = "k" + i + "-" + random.nextInt(1000);
            if (random.nextInt(4) == 0) {
                DiskRecord.Remove.write(buffer, key);
                written.add(new DiskRecord.Remove(key));
            }
            else {
                byte[] value = ValueCodec.encodeLong(random.nextLong());
                long deadline = random.nextBoolean() ? 0 : System.currentTimeMillis() + 3_600_000;
                DiskRecord.Put.write(buffer, key, value, deadline);
                written.add(new DiskRecord.Put(key, value, deadline));
            }
            ends.add(buffer.size());
        }
        return buffer.copy();
    }
}
