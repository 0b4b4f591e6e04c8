package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

import bbr.log.Level;
import bbr.log.Logger;
import bbr.remote.RemoteRunner;

/** known_hosts checks against a real sshd with RSA, ECDSA and ed25519 host keys, entries made by ssh-keyscan. */
@EnabledIf("bbr.ssh.TestSshd#available")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KnownHostsPolicyTest {

    @TempDir
    static Path dir;

    static TestSshd sshd;

    @TempDir
    Path work;

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = (level, message) -> {
        synchronized (lines) {
            lines.add(level + " " + message);
        }
    };

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
    void aHostListedWithItsRsaKeyOnly_presentsThatKey_andTheMatchIsReportedAtTheMatchLevel() throws Exception {
        Path file = knownHosts(keyscan("rsa"));
        Map<KexProposalOption, String> negotiated = new ConcurrentHashMap<>();
        KnownHosts knownHosts = new KnownHosts(file, KnownHosts.Strictness.YES, Level.DEBUG);

        try (SshConnector connector = new SshConnector()) {
            connector.client().addSessionListener(negotiationRecorder(negotiated));
            connectAndEcho(connector, knownHosts.policy("", logger));
        }

        assertThat(negotiated.get(KexProposalOption.SERVERKEYS)).isEqualTo("rsa-sha2-512");
        assertThat(lines).containsExactly("DEBUG Host key of 127.0.0.1:" + sshd.port + " matches " + file + ": "
                + fingerprintOf("rsa"));
    }

    @Test
    void anUnlistedHost_isAcceptedAndNamedOnce_acrossReconnections_andAnotherKeyLaterIsRefused() throws Exception {
        Path file = knownHosts("[127.0.0.1]:1 " + SshKeys.generateRsa2048().publicKeyLine());
        HostKeyPolicy policy = new KnownHosts(file, KnownHosts.Strictness.DEFAULT, Level.DEBUG).policy("", logger);

        try (SshConnector connector = new SshConnector()) {
            connectAndEcho(connector, policy);
            connectAndEcho(connector, policy);
        }

        assertThat(lines).containsExactly("INFO Host key of 127.0.0.1:" + sshd.port + " not checked: the host is"
                + " not in " + file + ". Accepted " + fingerprintOf("ecdsa") + "; list the host in " + file
                + " to have its key checked from now on.");
        assertThat(Files.readString(file)).as("bbr never writes the file").startsWith("[127.0.0.1]:1 ssh-rsa");
        assertThat(Files.readAllLines(file)).hasSize(1);

        // A policy serves one host: whatever presents another key with it than the first one is refused.
        try (TestSshd other = TestSshd.start(Files.createDirectories(work.resolve("other")), List.of("ed25519"));
                SshConnector connector = new SshConnector()) {
            assertThatThrownBy(() -> connector.connect(other.target(policy)))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessageStartingWith("ssh: the host key of 127.0.0.1:" + other.port + " changed during this"
                            + " run: refusing to connect (nothing was run on the host)\n"
                            + "  accepted earlier:   " + fingerprintOf("ecdsa") + "\n"
                            + "  the host presented: ssh-ed25519 SHA256:");
        }
    }

    @Test
    void aChangedKey_isRefusedNamingBothFingerprintsAndTheRemoval_orAcceptedWithAWarningUnderNo() throws Exception {
        SshKeys.GeneratedKey old = SshKeys.generateRsa2048();
        String oldKey = HostKeyPolicy.describe(old.keyPair().getPublic());
        Path file = knownHosts("[127.0.0.1]:" + sshd.port + " " + old.publicKeyLine());
        byte[] before = Files.readAllBytes(file);

        try (SshConnector connector = new SshConnector()) {
            HostKeyPolicy strict = new KnownHosts(file, KnownHosts.Strictness.DEFAULT, Level.DEBUG)
                    .policy("", logger);
            assertThatThrownBy(() -> connector.connect(sshd.target(strict)))
                    .isInstanceOf(SshConnectException.class)
                    .hasMessage("ssh: the host key of 127.0.0.1:" + sshd.port + " does not match the one in " + file
                            + ": refusing to connect (nothing was run on the host)\n"
                            + "  known_hosts lists:  " + oldKey + "\n"
                            + "  the host presented: " + fingerprintOf("rsa") + "\n"
                            + "Someone could be intercepting the connection (a man-in-the-middle attack), or the"
                            + " host key was replaced.\n"
                            + "If it was replaced, check the new fingerprint with the host's administrator, then"
                            + " remove the old entry with\n"
                            + "  ssh-keygen -f '" + file + "' -R '[127.0.0.1]:" + sshd.port + "'\n"
                            + "and add the new key.");
            assertThat(lines).isEmpty();

            HostKeyPolicy lax = new KnownHosts(file, KnownHosts.Strictness.NO, Level.DEBUG).policy("the jumpbox ",
                    logger);
            connectAndEcho(connector, lax);
        }

        assertThat(lines).containsExactly("WARN Host key of the jumpbox 127.0.0.1:" + sshd.port + " does not match "
                + file + ", which lists " + oldKey + " for it; the host presented " + fingerprintOf("rsa")
                + ". Someone could be intercepting the connection (a man-in-the-middle attack), or the host key was"
                + " replaced. Connecting anyway, as BBR_STRICT_HOST_KEY_CHECKING=no asks.");
        assertThat(Files.readAllBytes(file)).as("bbr never writes the file").isEqualTo(before);
    }

    @Test
    void aRevokedKey_isRefusedEvenUnderNo() throws Exception {
        // ECDSA: the key MINA prefers, and a revoked entry does not move its type first
        Path file = knownHosts("@revoked " + keyscan("ecdsa"));
        HostKeyPolicy policy = new KnownHosts(file, KnownHosts.Strictness.NO, Level.DEBUG).policy("", logger);

        try (SshConnector connector = new SshConnector()) {
            assertThatThrownBy(() -> connector.connect(sshd.target(policy)))
                    .hasMessage("ssh: the host key of 127.0.0.1:" + sshd.port + " is marked @revoked in " + file
                            + ": refusing to connect (nothing was run on the host)\n"
                            + "  the host presented: " + fingerprintOf("ecdsa"));
        }
    }

    @Test
    void anUnlistedHost_underYes_isRefused_andAFileThatCannotBeRead_refusesEveryHost() throws Exception {
        Path missing = work.resolve("no-such-known_hosts");
        Path directory = Files.createDirectories(work.resolve("a-directory"));

        try (SshConnector connector = new SshConnector()) {
            HostKeyPolicy strict = new KnownHosts(missing, KnownHosts.Strictness.YES, Level.DEBUG).policy("", logger);
            assertThatThrownBy(() -> connector.connect(sshd.target(strict)))
                    .hasMessage("ssh: 127.0.0.1:" + sshd.port + " is not in " + missing + " (no such file) and"
                            + " BBR_STRICT_HOST_KEY_CHECKING=yes: refusing to connect (nothing was run on the host)\n"
                            + "  the host presented: " + fingerprintOf("ecdsa") + "\n"
                            + "To trust the host, check that fingerprint with its administrator, then add its key to "
                            + missing + ".");
            HostKeyPolicy unreadable = new KnownHosts(directory, KnownHosts.Strictness.DEFAULT, Level.DEBUG)
                    .policy("", logger);
            assertThatThrownBy(() -> connector.connect(sshd.target(unreadable)))
                    .hasMessageStartingWith("ssh: cannot check the host key of 127.0.0.1:" + sshd.port
                            + ": cannot read " + directory + ": ")
                    .hasMessageEndingWith(": refusing to connect (nothing was run on the host)");
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void theEnvironment_namesTheFileAndTheStrictness_andABadValueIsRefusedNamingTheVariable() throws Exception {
        Path file = knownHosts("");

        KnownHosts defaults = KnownHosts.fromEnvironment(name -> null);
        KnownHosts named = KnownHosts.fromEnvironment(Map.of("BBR_KNOWN_HOSTS", file.toString(),
                "BBR_STRICT_HOST_KEY_CHECKING", "YES")::get);

        assertThat(defaults.file()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        assertThat(defaults.strictness()).isEqualTo(KnownHosts.Strictness.DEFAULT);
        assertThat(named.file()).isEqualTo(file);
        assertThat(named.strictness()).isEqualTo(KnownHosts.Strictness.YES);
        assertThat(KnownHosts.fromEnvironment(Map.of("BBR_STRICT_HOST_KEY_CHECKING", "no")::get).strictness())
                .isEqualTo(KnownHosts.Strictness.NO);
        assertThat(named.reportingMatches().matchLevel()).isEqualTo(Level.INFO);
        assertThatThrownBy(() -> KnownHosts.fromEnvironment(Map.of("BBR_STRICT_HOST_KEY_CHECKING", "ask")::get))
                .hasMessage("BBR_STRICT_HOST_KEY_CHECKING=ask: must be yes or no");
        assertThatThrownBy(() -> KnownHosts.fromEnvironment(Map.of("BBR_KNOWN_HOSTS", "/nowhere/known_hosts")::get))
                .hasMessage("BBR_KNOWN_HOSTS=/nowhere/known_hosts: no such file");
    }

    private static void connectAndEcho(SshConnector connector, HostKeyPolicy policy) throws IOException {
        try (RemoteRunner runner = connector.connect(sshd.target(policy))) {
            assertThat(runner.capture("echo ok").stdout()).isEqualTo("ok\n");
        }
    }

    private Path knownHosts(String... entries) throws IOException {
        Path file = Files.createTempFile(work, "known_hosts", "");
        Files.writeString(file, String.join("\n", entries) + (entries.length == 0 ? "" : "\n"));
        return file;
    }

    /** The host's entry of {@code type} as OpenSSH's {@code ssh-keyscan} writes it: "[127.0.0.1]:PORT ssh-rsa AAAA". */
    private static String keyscan(String type) throws IOException, InterruptedException {
        return run("ssh-keyscan", "-t", type, "-p", Integer.toString(sshd.port), "127.0.0.1").strip();
    }

    /** "ssh-rsa SHA256:…", the fingerprint from {@code ssh-keygen -l} of the host's key of {@code type}. */
    private static String fingerprintOf(String type) throws IOException, InterruptedException {
        String[] fields = run("ssh-keygen", "-l", "-f", dir.resolve("ssh_host_" + type + "_key.pub").toString())
                .split(" ");
        return sshd.hostPublicKeyLine(type).split(" ")[0] + " " + fields[1];
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }

    private static SessionListener negotiationRecorder(Map<KexProposalOption, String> negotiated) {
        return new SessionListener() {
            @Override
            public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> client,
                    Map<KexProposalOption, String> server, Map<KexProposalOption, String> result,
                    Throwable reason) {
                negotiated.putAll(result);
            }
        };
    }
}
