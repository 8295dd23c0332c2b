package io.sharedmemory.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.sharedmemory.core.PersistenceSettings;

/**
 * How the main process keeps its data across restarts, bound from
 * {@code shared-memory.persistence.*}. Children and Redis clients ignore them. Validated by the
 * core ({@link PersistenceSettings}); a refused value fails startup naming its property.
 */
public class PersistenceProperties {

    /**
     * What the main process writes to disk: none, snapshot (a point-in-time file on an interval
     * and at shutdown) or log (an append-only log of every write, compacted in the background).
     */
    private PersistenceSettings.Mode mode = PersistenceSettings.Mode.NONE;

    /**
     * Where the files live; required unless the mode is none. Only one live main process may
     * hold a directory.
     */
    private Path directory;

    /**
     * How often a snapshot is written in mode snapshot. A bare number means milliseconds.
     */
    private Duration snapshotInterval = Duration.ofSeconds(60);

    /**
     * When the log is forced to disk in mode log: always (a call returns after its write is on
     * disk), everysec or no.
     */
    private PersistenceSettings.Fsync fsync = PersistenceSettings.Fsync.EVERYSEC;

    /**
     * The mode.
     * @return none, snapshot or log
     */
    public PersistenceSettings.Mode getMode() {
        return this.mode;
    }

    /**
     * Sets the mode.
     * @param mode none, snapshot or log
     */
    public void setMode(PersistenceSettings.Mode mode) {
        this.mode = mode;
    }

    /**
     * The directory.
     * @return the directory, or {@code null} if none is set
     */
    public Path getDirectory() {
        return this.directory;
    }

    /**
     * Sets the directory.
     * @param directory the directory, created if absent
     */
    public void setDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * The snapshot interval.
     * @return the interval
     */
    public Duration getSnapshotInterval() {
        return this.snapshotInterval;
    }

    /**
     * Sets the snapshot interval.
     * @param snapshotInterval positive
     */
    public void setSnapshotInterval(Duration snapshotInterval) {
        this.snapshotInterval = snapshotInterval;
    }

    /**
     * The fsync policy.
     * @return always, everysec or no
     */
    public PersistenceSettings.Fsync getFsync() {
        return this.fsync;
    }

    /**
     * Sets the fsync policy.
     * @param fsync always, everysec or no
     */
    public void setFsync(PersistenceSettings.Fsync fsync) {
        this.fsync = fsync;
    }
}
