package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.PersistenceSettings;
import io.sharedmemory.core.PersistenceSettings.Fsync;
import io.sharedmemory.core.PersistenceSettings.Mode;
import io.sharedmemory.core.SharedMemoryException;
import io.sharedmemory.core.internal.codec.ValueCodec;
import io.sharedmemory.core.internal.store.InMemoryStore;
import io.sharedmemory.core.internal.store.StoredValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Each mode writes, and a new store on the same directory gets back what was acknowledged. */
class PersistenceRoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ValueCodec codec = new ValueCodec(List.of(), null);

    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

    @TempDir
    Path folder;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : this.opened) {
            closeable.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Fsync.class)
    void theLogGivesBackEveryWriteAfterACleanClose(Fsync fsync) {
        InMemoryStore store = store();
        Persistence first = open(log(fsync), store);
        writeSample(store, first.durability());
        first.close();

        InMemoryStore restored = store();
        open(log(fsync), restored);
        assertSample(restored);
    }

    @Test
    void withFsyncAlwaysAnAcknowledgedWriteIsInTheFileBeforeAnyClose() throws IOException {
        InMemoryStore store = store();
        Persistence live = open(log(Fsync.ALWAYS), store);
        writeSample(store, live.durability());
        // A copy of the directory while main still runs is what a kill -9 leaves (without the lock).
        Path copy = copyOfDirectory();
        InMemoryStore restored = store();
        open(new PersistenceSettings(Mode.LOG, copy, PersistenceSettings.DEFAULT_SNAPSHOT_INTERVAL, Fsync.ALWAYS),
                restored);
        assertSample(restored);
    }

    @Test
    void concurrentWritersWithFsyncAlwaysAreAllDurableWhenTheyReturn() throws Exception {
        InMemoryStore store = store();
        Persistence live = open(log(Fsync.ALWAYS), store);
        int threads = 6;
        int perThread = 150;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        store.set("t" + thread + "." + i, value("v" + i), 0);
                        live.durability().awaitOwnWrites();
                    }
                }
                catch (Throwable ex) {
                    failures.add(ex);
                }
            }, "writer-" + t);
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join(60_000);
        }
        assertThat(failures).isEmpty();
        InMemoryStore restored = store();
        open(new PersistenceSettings(Mode.LOG, copyOfDirectory(), PersistenceSettings.DEFAULT_SNAPSHOT_INTERVAL,
                Fsync.ALWAYS), restored);
        assertThat(restored.size()).isEqualTo(threads * perThread);
    }

    @Test
    void snapshotModeWritesOnItsIntervalAndAtClose() {
        Path directory = this.folder.resolve("data");
        PersistenceSettings settings = new PersistenceSettings(Mode.SNAPSHOT, directory, Duration.ofMillis(200),
                Fsync.EVERYSEC);
        InMemoryStore store = store();
        Persistence first = open(settings, store);
        store.set("early", value("e"), 0);
        await().atMost(WAIT).until(() -> Files.exists(directory.resolve("snapshot.bin")));
        InMemoryStore fromInterval = store();
        open(new PersistenceSettings(Mode.SNAPSHOT, copyOfDirectory(), Duration.ofHours(1), Fsync.EVERYSEC),
                fromInterval);
        assertThat(fromInterval.get("early")).isNotNull();

        store.delete("early");
        writeSample(store, first.durability());
        first.close();
        InMemoryStore restored = store();
        open(settings, restored);
        assertSample(restored);
    }

    @Test
    void aRewriteCompactsTheLogWithoutLosingAWrite() throws Exception {
        Path directory = this.folder.resolve("data");
        InMemoryStore store = store();
        LogPersistence first = new LogPersistence(log(Fsync.EVERYSEC), store, WAIT, 1);
        first.open();
        this.opened.add(first);
        for (int i = 0; i < 500; i++) {
            store.set("k" + (i % 20), value("v" + i), 0);
        }
        first.rewrite();
        store.set("after", value("a"), 0);
        store.delete("k0");
        assertThat(files(directory)).contains("snapshot.bin").doesNotContain("log-1.bin");
        first.close();

        InMemoryStore restored = store();
        open(log(Fsync.EVERYSEC), restored);
        assertThat(restored.size()).isEqualTo(20);
        assertThat(restored.get("k0")).isNull();
        assertThat(restored.get("k19").bytes()).isEqualTo(this.codec.encode("v499"));
        assertThat(restored.get("after")).isNotNull();
    }

    @Test
    void theRewriteRunsByItselfOnceTheLogOutgrowsItsThreshold() {
        Path directory = this.folder.resolve("data");
        InMemoryStore store = store();
        LogPersistence live = new LogPersistence(log(Fsync.NO), store, WAIT, 4096);
        live.open();
        this.opened.add(live);
        for (int i = 0; i < 400; i++) {
            store.set("k" + (i % 10), value("value number " + i), 0);
        }
        await().atMost(WAIT).until(() -> files(directory).contains("snapshot.bin") && !files(directory).contains("log-1.bin"));
    }

    @Test
    void logsReplayedAtStartAreFoldedIntoTheNextRewrite() throws IOException {
        Path directory = this.folder.resolve("data");
        for (int start = 0; start < 3; start++) {
            InMemoryStore store = store();
            LogPersistence persistence = new LogPersistence(log(Fsync.EVERYSEC), store, WAIT, Long.MAX_VALUE);
            persistence.open();
            for (int i = 0; i < 50; i++) {
                store.set("k" + i, value("start " + start), 0);
            }
            persistence.close();
        }
        assertThat(files(directory)).contains("log-1.bin", "log-2.bin", "log-3.bin");
        InMemoryStore store = store();
        LogPersistence persistence = new LogPersistence(log(Fsync.EVERYSEC), store, WAIT, 1024);
        persistence.open();
        this.opened.add(0, persistence);
        await().atMost(WAIT).until(() -> files(directory).contains("snapshot.bin")
                && files(directory).stream().filter((name) -> name.startsWith("log-")).count() == 1);
        persistence.close();
        InMemoryStore restored = store();
        open(log(Fsync.EVERYSEC), restored);
        assertThat(restored.size()).isEqualTo(50);
        assertThat(restored.get("k7").bytes()).isEqualTo(this.codec.encode("start 2"));
    }

    @Test
    void timesToLiveKeepTheirDeadlinesAndExpiredKeysAreDropped() throws IOException {
        Path directory = Files.createDirectories(this.folder.resolve("data"));
        PersistenceFiles files = new PersistenceFiles(directory);
        RecordBuffer records = new RecordBuffer(256);
        long now = System.currentTimeMillis();
        DiskRecord.Put.write(records, "gone", this.codec.encode("old"), 0);
        DiskRecord.Put.write(records, "gone", this.codec.encode("new"), now - 1000);
        DiskRecord.Put.write(records, "lives", this.codec.encode("x"), now + 3_600_000);
        Files.write(files.log(1), records.copy());
        InMemoryStore restored = store();
        open(log(Fsync.EVERYSEC), restored);
        assertThat(restored.get("gone")).as("expired while main was down, and the older value stays gone").isNull();
        assertThat(restored.get("lives")).isNotNull();

        // Written back with the same wall-clock deadline (to the millisecond, give or take rounding).
        StoreImageProbe probe = new StoreImageProbe(restored);
        assertThat(probe.deadlineOf("lives")).isBetween(now + 3_600_000 - 50, now + 3_600_000 + 50);
    }

    @Test
    void aTornTailIsCutOffWithAWarningNamingWhatWasDropped() throws IOException {
        Path directory = this.folder.resolve("data");
        InMemoryStore store = store();
        Persistence first = open(log(Fsync.ALWAYS), store);
        writeSample(store, first.durability());
        first.close();
        Path logFile = directory.resolve("log-1.bin");
        long good = Files.size(logFile);
        // Half a record, as a power cut mid-write leaves it.
        RecordBuffer extra = new RecordBuffer(64);
        DiskRecord.Put.write(extra, "torn", this.codec.encode("t"), 0);
        byte[] half = java.util.Arrays.copyOf(extra.copy(), extra.size() / 2);
        Files.write(logFile, half, java.nio.file.StandardOpenOption.APPEND);

        ListAppender<ILoggingEvent> warnings = capture();
        InMemoryStore restored = store();
        open(log(Fsync.ALWAYS), restored);
        assertSample(restored);
        assertThat(restored.get("torn")).isNull();
        assertThat(warnings.list).anySatisfy((event) -> assertThat(event.getFormattedMessage())
                .contains("log-1.bin").contains("dropped " + half.length + " bytes"));
        assertThat(Files.size(logFile)).as("truncated to its good part").isEqualTo(good);
    }

    @Test
    void aDamagedSnapshotKeepsItsGoodEntriesAndWarns() throws IOException {
        Path directory = this.folder.resolve("data");
        PersistenceSettings settings = new PersistenceSettings(Mode.SNAPSHOT, directory, Duration.ofHours(1),
                Fsync.EVERYSEC);
        InMemoryStore store = store();
        Persistence first = open(settings, store);
        for (int i = 0; i < 100; i++) {
            store.set("k" + i, value("v" + i), 0);
        }
        first.close();
        Path snapshot = directory.resolve("snapshot.bin");
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(snapshot, bytes);

        ListAppender<ILoggingEvent> warnings = capture();
        InMemoryStore restored = store();
        open(settings, restored);
        assertThat(restored.size()).isBetween(40, 60);
        assertThat(warnings.list).anySatisfy((event) -> assertThat(event.getFormattedMessage())
                .contains("snapshot.bin").contains("bad checksum").contains("of its 100 entries"));
    }

    @Test
    void aDirectoryHeldByALiveMainIsRefusedNamingIt() {
        Path directory = this.folder.resolve("data");
        open(log(Fsync.EVERYSEC), store());
        Persistence second = Persistence.create(log(Fsync.EVERYSEC), store(), WAIT);
        assertThatThrownBy(second::open).isInstanceOf(SharedMemoryException.class)
                .hasMessageContaining(directory.toString()).hasMessageContaining("another live main");
    }

    @Test
    void aDirectoryThatCannotBeMadeFailsTheMainsStartNamingIt() throws IOException {
        Path notADirectory = Files.writeString(this.folder.resolve("plain-file"), "x");
        io.sharedmemory.core.SharedMemory.Builder builder = io.sharedmemory.core.SharedMemory.builder()
                .socketPath(this.folder.resolve("m.sock")).persistenceMode(Mode.SNAPSHOT)
                .persistenceDirectory(notADirectory);
        assertThatThrownBy(builder::startMain).isInstanceOf(SharedMemoryException.class)
                .hasMessageContaining(notADirectory.toString());
        assertThat(this.folder.resolve("m.sock")).as("no socket was bound").doesNotExist();
    }

    @Test
    void aPersistingMainRefusesWritesBeforeItsStartHasRestored() {
        io.sharedmemory.core.SharedMemoryStore main = io.sharedmemory.core.SharedMemory.builder()
                .socketPath(this.folder.resolve("m.sock")).persistenceMode(Mode.LOG)
                .persistenceDirectory(this.folder.resolve("data")).build(io.sharedmemory.core.Role.MAIN);
        this.opened.add(main);
        assertThatThrownBy(() -> main.set("early", "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        assertThatThrownBy(() -> main.increment("n", 1)).isInstanceOf(IllegalStateException.class);
        main.start();
        main.set("late", "y");
        assertThat(main.get("late")).isEqualTo("y");
    }

    private void writeSample(InMemoryStore store, Durability durability) {
        store.set("plain", value("p"), 0);
        store.set("ttl", value("t"), 3_600_000);
        store.set("deleted", value("d"), 0);
        store.delete("deleted");
        store.increment("counter", 41);
        store.increment("counter", 1);
        store.setMany(Map.of("m1", value("1"), "m2", value("2")));
        store.compareAndSet("m1", this.codec.encode("1"), value("one"));
        store.setIfAbsent("m2", value("ignored"), 0);
        durability.awaitOwnWrites();
    }

    private void assertSample(InMemoryStore store) {
        assertThat(store.size()).isEqualTo(5);
        assertThat(store.get("plain").bytes()).isEqualTo(this.codec.encode("p"));
        assertThat(store.get("ttl")).isNotNull();
        assertThat(store.get("deleted")).isNull();
        assertThat(store.increment("counter", 0)).isEqualTo(42);
        assertThat(store.get("m1").bytes()).isEqualTo(this.codec.encode("one"));
        assertThat(store.get("m2").bytes()).isEqualTo(this.codec.encode("2"));
    }

    private StoredValue value(String text) {
        return StoredValue.encoded(this.codec.encode(text));
    }

    private InMemoryStore store() {
        InMemoryStore store = new InMemoryStore(this.codec);
        this.opened.add(store);
        return store;
    }

    private Persistence open(PersistenceSettings settings, InMemoryStore store) {
        Persistence persistence = Persistence.create(settings, store, WAIT);
        persistence.open();
        // Closed before the stores (added after them, closed in order... closing twice is harmless).
        this.opened.add(0, persistence);
        return persistence;
    }

    private PersistenceSettings log(Fsync fsync) {
        return new PersistenceSettings(Mode.LOG, this.folder.resolve("data"), PersistenceSettings.DEFAULT_SNAPSHOT_INTERVAL,
                fsync);
    }

    private Path copyOfDirectory() {
        try {
            Path copy = Files.createDirectories(this.folder.resolve("copy-" + System.nanoTime()));
            try (Stream<Path> files = Files.list(this.folder.resolve("data"))) {
                for (Path file : files.toList()) {
                    if (!file.getFileName().toString().equals("lock")) {
                        Files.copy(file, copy.resolve(file.getFileName()));
                    }
                }
            }
            return copy;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map((file) -> file.getFileName().toString()).toList();
        }
    }

    private ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(StoreRestore.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        this.opened.add(() -> logger.detachAppender(appender));
        return appender;
    }

    /** Reads a key's deadline back through the image persistence writes. */
    private record StoreImageProbe(InMemoryStore store) {

        long deadlineOf(String key) {
            var image = this.store.image(() -> { });
            for (int i = 0; i < image.size(); i++) {
                if (image.key(i).equals(key)) {
                    return image.deadlineMillis(i);
                }
            }
            throw new AssertionError("no key " + key);
        }
    }
}
