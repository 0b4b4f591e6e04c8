package bbr.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.security.KeyPair;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import bbr.proxy.AllProxy;
import bbr.proxy.NamedProxy;

/**
 * {@code BOSH_ALL_PROXY=ssh+socks5://…}: one SSH connection to the jumpbox that carries every Director, UAA and VM
 * connection of the run as a {@code direct-tcpip} channel. MINA serves it as a SOCKS5 proxy on a loopback port
 * that lives only as long as the run, so the HTTP client and the VM connections reuse the plain SOCKS5 path.
 *
 * <p>The connection sends a keepalive every heartbeat interval, so a tunnel that carries nothing for a while (bbr
 * hashing or writing a large artifact) is not closed as idle by the jumpbox or a firewall in between (the
 * original's issue #22); a jumpbox that stops answering them counts as gone.
 */
public final class JumpboxTunnel implements Closeable {

    private final SshConnector connector;
    private final ClientSession session;
    private final Proxy proxy;

    private JumpboxTunnel(SshConnector connector, ClientSession session, Proxy proxy) {
        this.connector = connector;
        this.session = session;
        this.proxy = proxy;
    }

    /**
     * Connects and authenticates to the jumpbox and opens the local end of the tunnel.
     *
     * @throws IOException naming the jumpbox and saying what failed: its key file, reaching it, or logging in
     */
    public static JumpboxTunnel open(AllProxy.Jumpbox jumpbox, SshSettings settings) throws IOException {
        KeyPair key;
        try {
            key = SshKeys.load(jumpbox.privateKey());
        } catch (IOException e) {
            throw new IOException(AllProxy.VARIABLE + ": cannot use the jumpbox's private key: " + e.getMessage(), e);
        }
        SshTarget target = new SshTarget(jumpbox.host(), jumpbox.port(), jumpbox.user(), key,
                HostKeyPolicy.acceptAny());
        SshConnector connector = new SshConnector(settings);
        try {
            ClientSession session = connector.authenticatedSession(target,
                    InetSocketAddress.createUnresolved(jumpbox.host(), jumpbox.port()));
            SshdSocketAddress local = session.startDynamicPortForwarding(
                    new SshdSocketAddress(SshdSocketAddress.LOCALHOST_IPV4, 0));
            Proxy proxy = new NamedProxy(new InetSocketAddress(local.getHostName(), local.getPort()), jumpbox.toString());
            return new JumpboxTunnel(connector, session, proxy);
        } catch (IOException | RuntimeException e) {
            connector.close();
            throw new IOException(AllProxy.VARIABLE + ": cannot open the tunnel through the jumpbox " + jumpbox
                    + ": " + e.getMessage(), e);
        }
    }

    /** The local SOCKS5 end of the tunnel. */
    public Proxy proxy() {
        return proxy;
    }

    @Override
    public void close() throws IOException {
        session.close(false);
        connector.close();
    }
}
