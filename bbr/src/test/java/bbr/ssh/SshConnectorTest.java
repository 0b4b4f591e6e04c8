package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import bbr.remote.CommandResult;
import bbr.remote.ConnectionLostException;
import bbr.remote.RemoteRunner;

@EnabledIf("bbr.ssh.TestSshd#available")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshConnectorTest {

    @TempDir
    static Path dir;

    static TestSshd sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = TestSshd.start(dir);
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void connect_pinnedRsaHostKey_isAccepted_andNegotiatesRsaSha2AndAesGcm() throws Exception {
        Map<KexProposalOption, String> negotiated = new ConcurrentHashMap<>();
        try (SshConnector connector = new SshConnector()) {
            connector.client().addSessionListener(new SessionListener() {
                @Override
                public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> client,
                        Map<KexProposalOption, String> server, Map<KexProposalOption, String> result,
                        Throwable reason) {
                    negotiated.putAll(result);
                }
            });
            HostKeyPolicy pinned = HostKeyPolicy.pinned(sshd.hostPublicKeyLine("rsa"));

            try (RemoteRunner runner = connector.connect(sshd.target(pinned))) {
                assertThat(runner.capture("echo ok").stdout()).isEqualTo("ok\n");
            }
        }
        // the server also holds ed25519 and ECDSA keys, which it would otherwise prefer
        assertThat(negotiated.get(KexProposalOption.SERVERKEYS)).isEqualTo("rsa-sha2-512");
        assertThat(negotiated.get(KexProposalOption.C2SENC)).isEqualTo("aes128-gcm@openssh.com");
        assertThat(negotiated.get(KexProposalOption.S2CENC)).isEqualTo("aes128-gcm@openssh.com");
    }

    @Test
    void connect_pinnedEd25519HostKey_isAccepted() throws Exception {
        try (SshConnector connector = new SshConnector();
                RemoteRunner runner = connector.connect(
                        sshd.target(HostKeyPolicy.pinned(sshd.hostPublicKeyLine("ed25519"))))) {
            assertThat(runner.address()).isEqualTo("127.0.0.1:" + sshd.port);
            assertThat(runner.capture("echo ok").stdout()).isEqualTo("ok\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ed25519", "ecdsa"})
    void connect_authenticatesWithAKeyFileOfEveryType(String type) throws Exception {
        Path keyFile = KeyFiles.generate(dir.resolve("id_" + type), type);
        sshd.authorize(Files.readString(Path.of(keyFile + ".pub")).strip());
        SshTarget target = new SshTarget("127.0.0.1", sshd.port, "root", SshKeys.load(keyFile),
                HostKeyPolicy.acceptAny());

        try (SshConnector connector = new SshConnector(); RemoteRunner runner = connector.connect(target)) {
            assertThat(runner.capture("echo ok").stdout()).isEqualTo("ok\n");
        }
    }

    @Test
    void connect_hostKeyMismatch_isRefused_showingBothFingerprints() throws Exception {
        String otherKey = SshKeys.generateRsa2048().publicKeyLine();
        HostKeyPolicy.Pinned pinned = (HostKeyPolicy.Pinned) HostKeyPolicy.pinned(otherKey);

        try (SshConnector connector = new SshConnector()) {
            assertThatThrownBy(() -> connector.connect(sshd.target(pinned)))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessageStartingWith("ssh: host key mismatch for 127.0.0.1:" + sshd.port)
                    .hasMessageContaining("expected " + pinned.fingerprint())
                    .hasMessageContaining("got ssh-rsa SHA256:");
        }
    }

    @Test
    void connect_pinnedRsaKey_onAHostWithoutRsaHostKey_isAMismatch(@TempDir Path ed25519Only) throws Exception {
        try (TestSshd modern = TestSshd.start(ed25519Only, List.of("ed25519"));
                SshConnector connector = new SshConnector()) {
            HostKeyPolicy.Pinned pinned = (HostKeyPolicy.Pinned) HostKeyPolicy.pinned(sshd.hostPublicKeyLine("rsa"));

            assertThatThrownBy(() -> connector.connect(modern.target(pinned)))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessage("ssh: host key mismatch for 127.0.0.1:" + modern.port + ": expected "
                            + pinned.fingerprint() + ", the host offers no host key of that type; refusing to connect");
        }
    }

    @Test
    void connect_refusedKey_saysUnableToAuthenticate_namingUserAndHost() throws Exception {
        SshTarget stranger = new SshTarget("127.0.0.1", sshd.port, "root", SshKeys.generateRsa2048().keyPair(),
                HostKeyPolicy.acceptAny());

        try (SshConnector connector = new SshConnector()) {
            assertThatThrownBy(() -> connector.connect(stranger))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessage("ssh: unable to authenticate as user root on 127.0.0.1:" + sshd.port
                            + ": the server refused the private key");
        }
    }

    @Test
    void connect_closedPort_failsAtOnce_withConnectionRefused() throws Exception {
        int port = TestSshd.freePort();
        long start = System.nanoTime();

        try (SshConnector connector = new SshConnector()) {
            assertThatThrownBy(() -> connector.connect(target("127.0.0.1", port)))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessage("ssh: cannot connect to 127.0.0.1:" + port + " as user root: connection refused"
                            + " (is sshd listening on port " + port + "?)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void connect_listenerThatNeverSpeaksSsh_timesOut_insteadOfHanging() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<?> accepting = acceptor.submit(() -> {
                accepted.add(silent.accept());
                return null;
            });
            SshSettings settings = SshSettings.defaults().withHandshakeTimeout(Duration.ofSeconds(2));
            long start = System.nanoTime();

            try (SshConnector connector = new SshConnector(settings)) {
                assertThatThrownBy(() -> connector.connect(target("127.0.0.1", silent.getLocalPort())))
                        .isInstanceOf(SshConnectException.class)
                        .hasMessage("ssh: cannot connect to 127.0.0.1:" + silent.getLocalPort() + " as user root: "
                                + "the server did not identify itself as an SSH server within 2 s");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            accepting.get(5, TimeUnit.SECONDS);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
            acceptor.shutdownNow();
        }
    }

    @Test
    void connect_hostThatNeverAnswers_timesOut_withClearMessage() throws Exception {
        try (SynBlackHole hole = SynBlackHole.open(dir)) {
            SshSettings settings = SshSettings.defaults().withConnectTimeout(Duration.ofSeconds(2));
            long start = System.nanoTime();

            try (SshConnector connector = new SshConnector(settings)) {
                assertThatThrownBy(() -> connector.connect(target("127.0.0.1", hole.port())))
                        .isInstanceOf(SshConnectException.class)
                        .hasMessage("ssh: cannot connect to 127.0.0.1:" + hole.port() + " as user root: "
                                + "no answer within 2 s (is the host reachable?)");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void connect_unknownHost_saysSo() throws Exception {
        try (SshConnector connector = new SshConnector()) {
            assertThatThrownBy(() -> connector.connect(target("no-such-host.invalid", 22)))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessage("ssh: cannot connect to no-such-host.invalid:22 as user root: "
                            + "unknown host no-such-host.invalid");
        }
    }

    @Test
    void run_whenTheVmsSshdDies_failsWithConnectionLost_withinSeconds() throws Exception {
        try (SshConnector connector = new SshConnector();
                RemoteRunner runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()))) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<CommandResult> running = pool.submit(() -> runner.run("sleep 60", null, null));
                Thread.sleep(1500);
                long start = System.nanoTime();
                sshd.signalConnections("KILL");

                assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(ConnectionLostException.class)
                        .cause().hasMessageContaining("ssh session to 127.0.0.1:" + sshd.port);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThatThrownBy(() -> runner.run("echo again", null, null))
                        .isInstanceOf(ConnectionLostException.class);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Whichever side notices first (a write on the closing session, or the missing exit status), it reads alike.
     * Here the missing exit status mostly wins; on a loaded machine the write often does (DirectorConnectionDropIT).
     */
    @Test
    void run_whenTheConnectionDiesMidStream_downOrUp_failsWithConnectionLost() throws Exception {
        try (SshConnector connector = new SshConnector();
                RemoteRunner runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()))) {
            OutputStream download = new OutputStream() {
                private final KillAfter kill = new KillAfter();

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    kill.counted(len);
                }
            };
            assertThatThrownBy(() -> runner.run("cat /dev/zero", null, download))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("ssh session to 127.0.0.1:" + sshd.port);
        }
        try (SshConnector connector = new SshConnector();
                RemoteRunner runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()))) {
            InputStream upload = new InputStream() {
                private final KillAfter kill = new KillAfter();

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0];
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    kill.counted(len);
                    return len;
                }
            };
            assertThatThrownBy(() -> runner.run("cat > /dev/null", upload, null))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("ssh session to 127.0.0.1:" + sshd.port);
        }
    }

    /** Kills the VM's SSH connections once 32 MiB have passed, in the middle of a copy. */
    private static final class KillAfter {
        private long bytes;
        private boolean killed;

        void counted(int length) throws IOException {
            bytes += length;
            if (!killed && bytes > 32L << 20) {
                killed = true;
                try {
                    sshd.signalConnections("KILL");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
        }
    }

    @Test
    void run_whenTheVmFreezes_heartbeatsDeclareTheConnectionLost() throws Exception {
        SshSettings settings = SshSettings.defaults().withHeartbeat(Duration.ofSeconds(1), 2);
        try (SshConnector connector = new SshConnector(settings);
                RemoteRunner runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()))) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<CommandResult> running = pool.submit(() -> runner.run("sleep 60", null, null));
                Thread.sleep(1500);
                sshd.signalConnections("STOP"); // TCP stays up: only unanswered keepalives can tell

                assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(ConnectionLostException.class);
            } finally {
                sshd.signalConnections("KILL");
                pool.shutdownNow();
            }
        }
    }

    @Test
    void run_silentCommandLongerThanHeartbeats_keepsTheConnection() throws Exception {
        SshSettings settings = SshSettings.defaults().withHeartbeat(Duration.ofMillis(500), 2);
        try (SshConnector connector = new SshConnector(settings);
                RemoteRunner runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()))) {
            assertThat(runner.run("sleep 3; exit 7", null, null).exitStatus()).isEqualTo(7);
        }
    }

    private static SshTarget target(String host, int port) throws IOException {
        return new SshTarget(host, port, "root", sshd.clientKey, HostKeyPolicy.acceptAny());
    }
}
