package io.sharedmemory.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How main keeps its data across restarts ({@code shared-memory.persistence.*}). Build them with
 * {@link SharedMemory.Builder#persistenceMode(Mode)} and its siblings; a child or a Redis client
 * ignores them.
 *
 * @param mode what is written to disk
 * @param directory where the files live; required unless the mode is {@link Mode#NONE}
 * @param snapshotInterval how often a {@link Mode#SNAPSHOT} store writes its image
 * @param fsync when a {@link Mode#LOG} store forces its log to disk
 */
public record PersistenceSettings(Mode mode, Path directory, Duration snapshotInterval, Fsync fsync) {

    /** The default interval between snapshots: 60 s. */
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(60);

    /** No persistence: the defaults of the contract. */
    private static final PersistenceSettings NONE = new PersistenceSettings(Mode.NONE, null,
            DEFAULT_SNAPSHOT_INTERVAL, Fsync.EVERYSEC);

    /**
     * Validates the settings.
     * @throws InvalidSettingException if the directory is missing for a mode that writes, or the
     *         interval is not positive
     */
    public PersistenceSettings {
        if (mode == null) {
            throw new InvalidSettingException("persistenceMode", null, "is required (none, snapshot or log)");
        }
        if (mode != Mode.NONE && directory == null) {
            throw new InvalidSettingException("persistenceDirectory", null,
                    "is required when the persistence mode is " + mode.name().toLowerCase());
        }
        if (snapshotInterval == null || snapshotInterval.isZero() || snapshotInterval.isNegative()) {
            throw new InvalidSettingException("snapshotInterval", snapshotInterval, "must be positive");
        }
        if (fsync == null) {
            throw new InvalidSettingException("fsync", null, "is required (always, everysec or no)");
        }
    }

    /**
     * Nothing is written: main starts empty.
     * @return settings of mode {@link Mode#NONE}
     */
    public static PersistenceSettings none() {
        return NONE;
    }

    /** What main writes to disk. */
    public enum Mode {
        /** Nothing: a restarted main starts empty. */
        NONE,
        /** A point-in-time image of the whole store, on an interval and at a clean shutdown. */
        SNAPSHOT,
        /** An append-only log of every write, compacted in the background from an image. */
        LOG
    }

    /** When the log is forced to disk, as Redis's {@code appendfsync}. */
    public enum Fsync {
        /** Before a write is acknowledged; concurrent writes share one fsync. */
        ALWAYS,
        /** About once a second: a power cut loses about the last second of writes. */
        EVERYSEC,
        /** When the operating system decides; a process crash loses nothing, a power cut may. */
        NO
    }
}
