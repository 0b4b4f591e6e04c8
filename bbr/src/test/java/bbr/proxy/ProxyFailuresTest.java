package bbr.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A SOCKS proxy failing in each of its ways, as real sockets see it, and the words bbr finds for it. */
class ProxyFailuresTest {

    private final ExecutorService servers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        servers.shutdownNow();
    }

    @Test
    void aProxyThatRefuses_isNamedAsRefusing() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThat(failureThrough(proxy(port), 2000)).isEqualTo("BOSH_ALL_PROXY socks5://127.0.0.1:" + port
                + " refused the connection");
    }

    @Test
    void aProxyThatNeverAnswersTheHandshake_isNamedAsSilent() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            servers.submit(() -> silent.accept());
            assertThat(failureThrough(proxy(silent.getLocalPort()), 1000)).startsWith("BOSH_ALL_PROXY socks5://"
                    + "127.0.0.1:" + silent.getLocalPort() + " did not answer in time (");
        }
    }

    @Test
    void aProxyThatBreaksTheHandshake_isNamedAsFailingIt() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            servers.submit(() -> {
                try (Socket client = garbage.accept(); OutputStream out = client.getOutputStream()) {
                    client.getInputStream().read(new byte[3]);
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                }
                return null;
            });
            assertThat(failureThrough(proxy(garbage.getLocalPort()), 2000)).startsWith("BOSH_ALL_PROXY socks5://"
                    + "127.0.0.1:" + garbage.getLocalPort() + " failed the SOCKS5 handshake: ")
                    .doesNotContain("java.", "Exception");
        }
    }

    @Test
    void withoutAProxy_theFailureIsDescribedPlainly() {
        assertThat(ProxyFailures.describe(Proxy.NO_PROXY, new java.net.ConnectException("Connection refused")))
                .isEqualTo("Connection refused");
    }

    private static Proxy proxy(int port) {
        return new NamedProxy(new InetSocketAddress("127.0.0.1", port), "socks5://127.0.0.1:" + port);
    }

    private static String failureThrough(Proxy proxy, int timeoutMillis) {
        IOException[] failure = new IOException[1];
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket(proxy)) {
                socket.connect(InetSocketAddress.createUnresolved("director.example", 25555), timeoutMillis);
                InputStream ignored = socket.getInputStream();
            } catch (IOException e) {
                failure[0] = e;
                throw e;
            }
        }).isInstanceOf(IOException.class);
        return ProxyFailures.describe(proxy, failure[0]);
    }
}
