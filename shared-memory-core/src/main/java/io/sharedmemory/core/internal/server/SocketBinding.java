package io.sharedmemory.core.internal.server;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sharedmemory.core.InvalidSocketPathException;
import io.sharedmemory.core.SocketInUseException;

/**
 * Main's bound socket file: prepares a private folder, replaces a stale socket left by a dead
 * main, refuses to take over a live one, and on close removes the file only if it is still
 * the one this process bound.
 */
final class SocketBinding implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SocketBinding.class);

    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");

    private static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path path;

    private final ServerSocketChannel channel;

    private final Object fileKey;

    private final UserPrincipal owner;

    private SocketBinding(Path path, ServerSocketChannel channel, Object fileKey, UserPrincipal owner) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
        this.owner = owner;
    }

    /**
     * Binds the socket.
     * @throws SocketInUseException if a live main serves it
     * @throws InvalidSocketPathException if the path cannot be used
     */
    static SocketBinding bind(Path socketPath) {
        Path path = socketPath.toAbsolutePath();
        prepareFolder(path);
        removeIfStale(path);
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.bind(UnixDomainSocketAddress.of(path));
            }
            catch (BindException ex) {
                // Another main bound it between our check and our bind.
                throw new SocketInUseException(path);
            }
            Files.setPosixFilePermissions(path, SOCKET_MODE);
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return new SocketBinding(path, channel, attributes.fileKey(), Files.getOwner(path));
        }
        catch (IOException ex) {
            closeQuietly(channel);
            throw new InvalidSocketPathException(path, ex.toString());
        }
        catch (RuntimeException ex) {
            closeQuietly(channel);
            throw ex;
        }
    }

    private static void prepareFolder(Path path) {
        Path folder = path.getParent();
        try {
            if (!Files.exists(folder)) {
                try {
                    Files.createDirectories(folder);
                    // Set explicitly: the umask may have widened or narrowed the mode asked for.
                    Files.setPosixFilePermissions(folder, FOLDER_MODE);
                }
                catch (FileAlreadyExistsException ex) {
                    // created concurrently; checked below
                }
            }
            UserPrincipal folderOwner = Files.getOwner(folder);
            // The JVM reads user.name from the effective uid's passwd entry.
            String self = System.getProperty("user.name");
            if (!Objects.equals(folderOwner.getName(), self) && !"root".equals(folderOwner.getName())) {
                // A folder another user controls could swap our socket: refuse it.
                throw new InvalidSocketPathException(path, "its folder " + folder + " belongs to "
                        + folderOwner.getName() + ", not to " + self);
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
            if (!mode.equals(FOLDER_MODE)) {
                logger.debug("Socket folder {} has mode {}; the socket itself is 0600", folder,
                        PosixFilePermissions.toString(mode));
            }
        }
        catch (IOException ex) {
            throw new InvalidSocketPathException(path, "its folder cannot be prepared: " + ex);
        }
    }

    private static void removeIfStale(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isOther()) {
                throw new InvalidSocketPathException(path, "a file that is not a socket is in the way");
            }
            if (isLive(path)) {
                throw new SocketInUseException(path);
            }
            logger.info("Replacing stale socket {} left by a main process that is gone", path);
            Files.deleteIfExists(path);
        }
        catch (IOException ex) {
            throw new InvalidSocketPathException(path, "the existing socket cannot be checked: " + ex);
        }
    }

    private static boolean isLive(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        }
        catch (ConnectException ex) {
            return false;
        }
    }

    ServerSocketChannel channel() {
        return this.channel;
    }

    Path path() {
        return this.path;
    }

    /** The user main runs as: the owner of the socket it bound. */
    UserPrincipal owner() {
        return this.owner;
    }

    @Override
    public void close() {
        closeQuietly(this.channel);
        try {
            BasicFileAttributes attributes = Files.readAttributes(this.path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            // Only our own socket: a newer main may have replaced it already.
            if (Objects.equals(attributes.fileKey(), this.fileKey)) {
                Files.deleteIfExists(this.path);
            }
        }
        catch (IOException ex) {
            logger.debug("Socket {} already gone", this.path);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            }
            catch (Exception ex) {
                logger.debug("Could not close {}", closeable, ex);
            }
        }
    }
}
