package bbr.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import bbr.concurrent.Daemons;

/**
 * Carries one SSH connection through a SOCKS5 proxy: MINA dials a loopback port, and this relays the bytes to a
 * socket the JDK's SOCKS client opened to the VM. The proxy is dialled first, so a dead proxy fails fast with its
 * own error instead of hanging (the original's issue #25).
 */
final class SocksRelay {

    private SocksRelay() {
    }

    /** Opens the path to {@code host:port} through {@code proxy}; returns the loopback address to dial instead. */
    static InetSocketAddress open(Proxy proxy, String host, int port, Duration timeout) throws IOException {
        Socket upstream = new Socket(proxy);
        try {
            upstream.connect(InetSocketAddress.createUnresolved(host, port), (int) timeout.toMillis());
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            upstream.close();
            throw new IOException("cannot reach " + host + ":" + port + " through the proxy " + proxy
                    + ": " + e.getMessage(), e);
        }
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) timeout.toMillis());
        Daemons.start(() -> {
            try (ServerSocket listening = server) {
                Socket local = listening.accept();
                local.setTcpNoDelay(true);
                Runnable closeBoth = () -> {
                    closeQuietly(local);
                    closeQuietly(upstream);
                };
                Relay.copyInBackground(local.getInputStream(), upstream.getOutputStream(), closeBoth,
                        "bbr-socks-relay-out");
                Relay.copyInBackground(upstream.getInputStream(), local.getOutputStream(), closeBoth,
                        "bbr-socks-relay-in");
            } catch (IOException e) {
                closeQuietly(upstream);
            }
        }, "bbr-socks-relay-" + host + ":" + port);
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
