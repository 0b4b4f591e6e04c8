package bbr.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.future.CancelOption;

import bbr.concurrent.Daemons;
import bbr.remote.RemoteRunner;

/** Opens SSH connections to VMs; owns the single started MINA client (and its threads) of a bbr run. */
public final class SshConnector implements Closeable {

    private final SshSettings settings;
    private final java.net.Proxy proxy;
    private final SshClient client;
    private final ExecutorService stdinPumps;

    public SshConnector() {
        this(SshSettings.defaults());
    }

    public SshConnector(SshSettings settings) {
        this(settings, java.net.Proxy.NO_PROXY);
    }

    /** @param proxy a SOCKS proxy every connection goes through ({@code BOSH_ALL_PROXY}), or {@code NO_PROXY} */
    public SshConnector(SshSettings settings, java.net.Proxy proxy) {
        this.settings = settings;
        this.proxy = proxy;
        this.client = SshClientFactory.create(settings);
        // a caller's stdin blocked in read() must not keep the JVM alive
        this.stdinPumps = Executors.newCachedThreadPool(Daemons.numbered("bbr-ssh-stdin-"));
        client.start();
    }

    public SshSettings settings() {
        return settings;
    }

    /**
     * Connects and authenticates to {@code target}; the returned runner keeps that one connection for every
     * command until closed.
     *
     * @throws SshConnectException naming host, port and user when the host is unreachable, does not speak SSH
     *                             in time, presents a host key the policy refuses, or refuses the key
     */
    public RemoteRunner connect(SshTarget target) throws IOException {
        // Through a proxy, MINA dials a local relay; a proxy that cannot reach the VM fails here, naming itself.
        java.net.InetSocketAddress dial = proxy.type() == java.net.Proxy.Type.SOCKS
                ? SocksRelay.open(proxy, target.host(), target.port(), settings.connectTimeout())
                : java.net.InetSocketAddress.createUnresolved(target.host(), target.port());
        return new SshRemoteRunner(authenticatedSession(target, dial), target.address(), settings, stdinPumps);
    }

    /** Connects to {@code dial} and authenticates as {@code target}'s user; the session is the caller's to close. */
    ClientSession authenticatedSession(SshTarget target, java.net.InetSocketAddress dial) throws IOException {
        ClientSession session = null;
        HostKeyCheck check = new HostKeyCheck();
        try {
            session = openSession(target, check, dial.getHostString(), dial.getPort());
            session.addPublicKeyIdentity(target.identity());
            AuthFuture auth = session.auth();
            if (!auth.await(settings.handshakeTimeout(), CancelOption.CANCEL_ON_TIMEOUT)) {
                throw ConnectFailures.handshakeTimedOut(target, session, settings.handshakeTimeout());
            }
            if (!auth.isSuccess()) {
                throw ConnectFailures.explain(target, session, check, auth.getException());
            }
            return session;
        } catch (InterruptedIOException e) {
            closeQuietly(session);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            throw ConnectFailures.explain(target, session, check, e);
        }
    }

    private ClientSession openSession(SshTarget target, HostKeyCheck check, String host, int port)
            throws IOException {
        ConnectFuture connecting = client.connect(target.username(), host, port, AttributeRepository.ofAttributesMap(
                Map.of(SshClientFactory.TARGET, target, SshClientFactory.HOST_KEY_CHECK, check)), null);
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        // Cancelling at the deadline closes the pending channel, which can complete the future with that close's
        // error just before await returns: anything that ends at the deadline is the timeout, not a refusal.
        if (!connecting.await(settings.connectTimeout(), CancelOption.CANCEL_ON_TIMEOUT) || connecting.isCanceled()
                || (!connecting.isConnected() && System.nanoTime() - deadline >= 0)) {
            throw ConnectFailures.connectTimedOut(target, settings.connectTimeout());
        }
        if (connecting.getException() != null) {
            throw ConnectFailures.explain(target, null, check, connecting.getException());
        }
        return connecting.getSession();
    }

    /** For tests and the throughput benchmark in this package. */
    SshClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        stdinPumps.shutdownNow();
        client.stop();
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            session.close(true);
        }
    }
}
