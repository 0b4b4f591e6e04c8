package bbr.ssh;

import java.security.KeyPair;
import java.util.Objects;

/**
 * One VM to reach over SSH: where, as whom, with which key, and which host key to trust.
 *
 * @param host          host name or IP address (IPv6 without brackets)
 * @param port          TCP port, usually 22
 * @param username      the remote user (director mode: the operator's; deployment mode: a temporary bosh_ user)
 * @param identity      the private/public key pair to authenticate with; never printed
 * @param hostKeyPolicy which host key to accept
 */
public record SshTarget(String host, int port, String username, KeyPair identity, HostKeyPolicy hostKeyPolicy) {

    public SshTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no SSH host given");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port out of range: " + port);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("no SSH username given");
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(identity.getPrivate(), "identity private key");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    }

    /** {@code host:port} for messages, with IPv6 addresses bracketed. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Leaves the identity out: a target may end up in a log line, its private key must not. */
    @Override
    public String toString() {
        return username + "@" + address() + " (" + hostKeyPolicy + ")";
    }
}
