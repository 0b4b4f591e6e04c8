package bbr.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.security.KeyPair;

import org.apache.sshd.client.session.ClientSession;

import bbr.proxy.AllProxy;
import bbr.proxy.NamedProxy;
import bbr.proxy.SocksCredentials;

/**
 * {@code BOSH_ALL_PROXY=ssh+socks5://…}: one SSH connection to the jumpbox that carries every Director, UAA and VM
 * connection of the run as a {@code direct-tcpip} channel. {@link TunnelSocksServer} serves it as a SOCKS5 proxy
 * on a loopback port, with a password made for the run, so the HTTP client and the VM connections reuse the plain
 * SOCKS5 path and no other local user can use the tunnel.
 *
 * <p>The connection sends a keepalive every heartbeat interval, so a tunnel that carries nothing for a while (bbr
 * hashing or writing a large artifact) is not closed as idle by the jumpbox or a firewall in between (the
 * original's issue #22); a jumpbox that stops answering them counts as gone.
 */
public final class JumpboxTunnel implements Closeable {

    private final SshConnector connector;
    private final ClientSession session;
    private final TunnelSocksServer socks;
    private final Proxy proxy;

    private JumpboxTunnel(SshConnector connector, ClientSession session, TunnelSocksServer socks, Proxy proxy) {
        this.connector = connector;
        this.session = session;
        this.socks = socks;
        this.proxy = proxy;
    }

    /**
     * Connects and authenticates to the jumpbox and opens the local end of the tunnel.
     *
     * @param hostKeys which host key the jumpbox may present
     * @throws IOException naming the jumpbox and saying what failed: its key file, reaching it, its host key, or
     *                     logging in
     */
    public static JumpboxTunnel open(AllProxy.Jumpbox jumpbox, SshSettings settings, HostKeyPolicy hostKeys)
            throws IOException {
        KeyPair key;
        try {
            key = SshKeys.load(jumpbox.privateKey());
        } catch (IOException e) {
            throw new IOException(AllProxy.VARIABLE + ": cannot use the jumpbox's private key: " + e.getMessage(), e);
        }
        SshTarget target = new SshTarget(jumpbox.host(), jumpbox.port(), jumpbox.user(), key, hostKeys);
        SshConnector connector = new SshConnector(settings);
        try {
            ClientSession session = connector.authenticatedSession(target,
                    InetSocketAddress.createUnresolved(jumpbox.host(), jumpbox.port()));
            TunnelSocksServer socks = TunnelSocksServer.start(session, settings.connectTimeout());
            SocksCredentials.register(socks.address().getHostString(), TunnelSocksServer.USERNAME, socks.password());
            return new JumpboxTunnel(connector, session, socks, new NamedProxy(socks.address(), jumpbox.toString()));
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
        socks.close();
        session.close(false);
        connector.close();
    }
}
