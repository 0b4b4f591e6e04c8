package bbr.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Carries one SSH connection through a SOCKS5 proxy: MINA dials a loopback port, and this relays the bytes to a
 * socket the JDK's SOCKS client opened to the VM. The proxy is dialled first, so a dead proxy fails fast with its
 * own error instead of hanging (the original's issue #25).
 */
final class SocksRelay {

    private static final int BUFFER = 128 * 1024;

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
        Thread acceptor = new Thread(() -> {
            try (ServerSocket listening = server) {
                Socket local = listening.accept();
                local.setTcpNoDelay(true);
                pump(local.getInputStream(), upstream.getOutputStream(), local, upstream, "out");
                pump(upstream.getInputStream(), local.getOutputStream(), local, upstream, "in");
            } catch (IOException e) {
                closeQuietly(upstream);
            }
        }, "bbr-socks-relay-" + host + ":" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private static void pump(InputStream from, OutputStream to, Socket a, Socket b, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // either side closed: close both below
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "bbr-socks-relay-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
