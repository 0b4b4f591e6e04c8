package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import bbr.proxy.SocksCredentials;

/** The jumpbox tunnel's local SOCKS5 end, with a real sshd as the jumpbox (which tunnels back to itself). */
@EnabledIf("bbr.ssh.TestSshd#available")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TunnelSocksServerTest {

    @TempDir
    static Path dir;

    static TestSshd sshd;
    static SshConnector connector;
    static TunnelSocksServer socks;

    @BeforeAll
    static void start() throws Exception {
        sshd = TestSshd.start(dir);
        connector = new SshConnector();
        SshTarget jumpbox = sshd.target(HostKeyPolicy.acceptAny());
        ClientSession session = connector.authenticatedSession(jumpbox,
                InetSocketAddress.createUnresolved(jumpbox.host(), jumpbox.port()));
        socks = TunnelSocksServer.start(session, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        socks.close();
        connector.close();
        sshd.close();
    }

    @Test
    void theJdksSocksClient_withThisRunsPassword_reachesTheTargetThroughTheJumpbox() throws Exception {
        SocksCredentials.register(socks.address().getHostString(), TunnelSocksServer.USERNAME, socks.password());
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, socks.address()))) {
            socket.connect(InetSocketAddress.createUnresolved("localhost", sshd.target(HostKeyPolicy.acceptAny())
                    .port()), 10_000);
            byte[] banner = socket.getInputStream().readNBytes(8);

            assertThat(new String(banner, StandardCharsets.US_ASCII)).isEqualTo("SSH-2.0-");
        }
    }

    @Test
    void aClientWithoutCredentials_isTurnedAway() throws Exception {
        try (Socket socket = new Socket(socks.address().getAddress(), socks.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {5, 1, 0}); // offers "no authentication" only
            DataInputStream in = new DataInputStream(socket.getInputStream());

            assertThat(in.readUnsignedByte()).isEqualTo(5);
            assertThat(in.readUnsignedByte()).as("no acceptable method").isEqualTo(0xFF);
        }
    }

    @Test
    void aWrongPassword_isRefused() throws Exception {
        try (Socket socket = new Socket(socks.address().getAddress(), socks.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(new byte[] {5, 1, 2});
            assertThat(in.readNBytes(2)).containsExactly(5, 2);
            byte[] user = TunnelSocksServer.USERNAME.getBytes(StandardCharsets.US_ASCII);
            byte[] guess = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            out.write(1);
            out.write(user.length);
            out.write(user);
            out.write(guess.length);
            out.write(guess);

            assertThat(in.readNBytes(2)).containsExactly(1, 1);
            assertThat(in.read()).as("the connection is closed").isEqualTo(-1);
        }
    }
}
