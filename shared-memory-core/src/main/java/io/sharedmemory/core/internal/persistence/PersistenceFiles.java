package io.sharedmemory.core.internal.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names of the files in a persistence directory, and the folder fsync every rename or create needs. */
final class PersistenceFiles {

    private static final Pattern LOG_NAME = Pattern.compile("log-(\\d{1,18})\\.bin");

    private final Path directory;

    PersistenceFiles(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return this.directory;
    }

    Path snapshot() {
        return this.directory.resolve("snapshot.bin");
    }

    /** Where a snapshot is written before it is renamed over {@link #snapshot()}. */
    Path snapshotInProgress() {
        return this.directory.resolve("snapshot.tmp");
    }

    Path lock() {
        return this.directory.resolve("lock");
    }

    Path log(long generation) {
        return this.directory.resolve("log-" + generation + ".bin");
    }

    /** The generations of the log files present, ascending. */
    List<Long> logGenerations() throws IOException {
        List<Long> generations = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "log-*.bin")) {
            for (Path file : files) {
                Matcher name = LOG_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    generations.add(Long.parseLong(name.group(1)));
                }
            }
        }
        generations.sort(null);
        return generations;
    }

    /** Deletes the logs older than {@code generation}: an image of that generation holds what they did. */
    void deleteLogsBefore(long generation) throws IOException {
        for (long older : logGenerations()) {
            if (older < generation) {
                Files.deleteIfExists(log(older));
            }
        }
        syncDirectory();
    }

    /** Forces the directory itself, so that a create, rename or delete in it survives a power cut. */
    void syncDirectory() throws IOException {
        try (FileChannel folder = FileChannel.open(this.directory, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
