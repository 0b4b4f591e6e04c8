package bbr.ssh;

import bbr.log.Failures;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.PublicKey;
import java.time.Duration;

import org.apache.sshd.client.session.ClientSession;

/** Turns MINA's connect and handshake failures into one-line messages an operator can act on. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static SshConnectException connectTimedOut(SshTarget target, Duration timeout) {
        return failure(target, "no answer within " + seconds(timeout) + " (is the host reachable?)", null);
    }

    static SshConnectException handshakeTimedOut(SshTarget target, ClientSession session, Duration timeout) {
        String stage = session.getServerVersion() == null
                ? "the server did not identify itself as an SSH server"
                : "the SSH handshake did not complete";
        return failure(target, stage + " within " + seconds(timeout), null);
    }

    /**
     * Explains {@code error}; {@code session} (may be null) tells how far the handshake got, {@code check} whether
     * the host key was refused.
     */
    static SshConnectException explain(SshTarget target, ClientSession session, HostKeyCheck check,
                                       Throwable error) {
        if (error instanceof SshConnectException known) {
            return known;
        }
        if (check.refusedKey() != null) {
            return check.verdict() != null
                    ? new SshConnectException(check.verdict().refusal(), error)
                    : hostKeyMismatch(target, check.refusedKey(), error);
        }
        if (error == null) {
            return failure(target, "authentication did not succeed", null);
        }
        if (session != null && session.getServerVersion() == null) {
            return failure(target, "the server closed the connection without identifying itself as an SSH server",
                    error);
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return failure(target, "unknown host " + target.host(), error);
            } else if (t instanceof NoRouteToHostException || message.contains("unreachable")) {
                return failure(target, "no route to the host (" + message + ")", error);
            } else if (t instanceof ConnectException) {
                return failure(target, "connection refused (is sshd listening on port " + target.port() + "?)",
                        error);
            } else if (t instanceof SocketTimeoutException || t instanceof InterruptedByTimeoutException) {
                return failure(target, "no answer (is the host reachable?)", error);
            } else if (message.contains("server host key algorithms")) {
                return hostKeyMismatch(target, null, error);
            } else if (message.contains("No more authentication methods")) {
                return new SshConnectException("ssh: unable to authenticate as user " + target.username()
                        + " on " + target.address() + ": the server refused the private key", error);
            }
        }
        return failure(target, rootMessage(error), error);
    }

    private static SshConnectException hostKeyMismatch(SshTarget target, PublicKey presented, Throwable error) {
        String expected = target.hostKeyPolicy() instanceof HostKeyPolicy.Pinned pinned
                ? pinned.fingerprint()
                : "a different key";
        String got = presented == null
                ? "the host offers no host key of that type"
                : "got " + HostKeyPolicy.describe(presented);
        return new SshConnectException("ssh: host key mismatch for " + target.address() + ": expected "
                + expected + ", " + got + "; refusing to connect", error);
    }

    private static SshConnectException failure(SshTarget target, String why, Throwable cause) {
        return new SshConnectException("ssh: cannot connect to " + target.address() + " as user "
                + target.username() + ": " + why, cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Failures.describe(root);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
