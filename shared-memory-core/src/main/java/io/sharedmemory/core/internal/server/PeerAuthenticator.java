package io.sharedmemory.core.internal.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Set;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Decides who may connect, from the kernel's record of the peer process's user
 * ({@code SO_PEERCRED}): main's own user, and the configured allowed users.
 */
final class PeerAuthenticator {

    private final Set<String> allowedUsers;

    PeerAuthenticator(String ownUser, Set<String> allowedUsers) {
        this.allowedUsers = new HashSet<>(allowedUsers);
        this.allowedUsers.add(ownUser);
    }

    /**
     * Reads the peer's user.
     * @return the user name, which {@link #isAllowed(String)} then judges
     */
    String peerUser(SocketChannel channel) throws IOException {
        UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return principal.user().getName();
    }

    boolean isAllowed(String user) {
        return this.allowedUsers.contains(user);
    }
}
