package bbr.director_mode;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.RecordingJob;
import bbr.testbed.vm.FarmOptions;
import bbr.testbed.vm.KeyType;
import bbr.testbed.vm.OpenSshKnownHosts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host keys of the Director VM and of the {@code ssh+socks5://} jumpbox, checked against known_hosts files that
 * OpenSSH's own {@code ssh-keyscan} and {@code ssh-keygen -H} wrote, with fingerprints from {@code ssh-keygen -l}.
 */
class HostKeyIT {

    private static final String REFUSING = ": refusing to connect (nothing was run on the host)";

    /** vm-0 is the Director, vm-1 the jumpbox; each has an ed25519 and an RSA host key of its own. */
    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.with(FarmOptions.vms(2)
            .withHostKeyTypes(KeyType.ED25519, KeyType.RSA));

    /** A Director on another port than 22, with an RSA host key only. */
    @RegisterExtension
    static final VmFarmExtension ON_2222 = VmFarmExtension.with(FarmOptions.vms(1)
            .withPreferredSshPort(2222).withHostKeyType(KeyType.RSA));

    @TempDir
    Path workDir;

    @TempDir
    Path keys;

    private Vm director;
    private Vm jumpbox;

    @BeforeEach
    void installJob() {
        director = VMS.vm(0);
        jumpbox = VMS.vm(1);
        for (Vm vm : List.of(director, ON_2222.vm(0))) {
            DirectorFixture.wipe(vm);
            RecordingJob.install(vm, "db", "");
        }
    }

    @Test
    void aListedKey_letsTheBackupRun_plainOrHashed_andPreBackupCheckSaysItMatched() throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(director, KeyType.ED25519));

        BbrRun plain = bbr(env(file), director, "backup");
        OpenSshKnownHosts.hash(file);
        byte[] hashedEntry = Files.readAllBytes(file);
        BbrRun hashed = bbr(env(file), director, "backup");
        BbrRun check = bbr(env(file), director, "pre-backup-check");

        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).doesNotContain("Host key");
        assertThat(hashed.exitCode()).as(hashed.toString()).isZero();
        assertThat(hashed.stdout()).doesNotContain("Host key");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).contains("INFO - Host key of " + director.hostAndPort() + " matches " + file + ": "
                + fingerprint(director, KeyType.ED25519) + "\n").endsWith("Director can be backed up.\n");
        assertThat(new String(hashedEntry)).startsWith("|1|");
        assertThat(Files.readAllBytes(file)).as("bbr never writes the file").isEqualTo(hashedEntry);
    }

    @Test
    void aHostListedWithItsRsaKeyOnly_presentsThatKey_thoughItAlsoHasAnEd25519Key() throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(director, KeyType.RSA));

        BbrRun check = bbr(env(file), director, "pre-backup-check");

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.stdout()).contains("Host key of " + director.hostAndPort() + " matches " + file + ": "
                + fingerprint(director, KeyType.RSA) + "\n");
    }

    @Test
    void aNonDefaultPort_isMatchedAsBracketedHostAndPort_plainOrHashed() throws IOException {
        Vm vm = ON_2222.vm(0);
        Path file = knownHosts(OpenSshKnownHosts.scan(vm, KeyType.RSA));
        assertThat(Files.readString(file)).startsWith("[" + vm.host() + "]:" + vm.port() + " ssh-rsa ");

        BbrRun plain = bbr(env(file), vm, "backup");
        OpenSshKnownHosts.hash(file);
        BbrRun hashed = bbr(env(file), vm, "pre-backup-check");

        assertThat(vm.port()).isNotEqualTo(22);
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).doesNotContain("Host key");
        assertThat(hashed.exitCode()).as(hashed.toString()).isZero();
        assertThat(hashed.stdout()).contains("Host key of " + vm.hostAndPort() + " matches " + file + ": "
                + fingerprint(vm, KeyType.RSA) + "\n");
    }

    @Test
    void anUnlistedHost_isAcceptedAndItsKeyNamedOnce_butRefusedUnderStrictChecking() throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(jumpbox, KeyType.ED25519));

        BbrRun accepted = bbr(env(file), director, "backup");
        VmState before = VmState.of(director);
        BbrRun strict = bbr(env(file, "BBR_STRICT_HOST_KEY_CHECKING", "yes"), director, "backup");

        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(lines(accepted.stdout(), "Host key")).singleElement().asString().endsWith(" INFO - Host key of "
                + director.hostAndPort() + " not checked: the host is not in " + file + ". Accepted "
                + fingerprint(director, KeyType.ED25519) + "; list the host in " + file
                + " to have its key checked from now on.");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.stderr()).isEqualTo("1 error occurred:\nerror 1:\n"
                + "ssh: " + director.hostAndPort() + " is not in " + file + " and BBR_STRICT_HOST_KEY_CHECKING=yes"
                + REFUSING + "\n"
                + "  the host presented: " + fingerprint(director, KeyType.ED25519) + "\n"
                + "To trust the host, check that fingerprint with its administrator, then add its key to " + file
                + ".\n");
        before.assertNothingRan(director);
    }

    @Test
    void noKnownHostsFileAtAll_worksAsTheOriginal_sayingOnceWhichKey_andTheDefaultFileIsTheHomeDirectorysOne()
            throws IOException {
        Path home = Files.createDirectories(keys.resolve("home"));
        Path defaultFile = home.resolve(".ssh/known_hosts");

        BbrRun none = bbr(Map.of(), director, BbrProcess.withJvmOption("-Duser.home=" + home,
                DirectorFlags.forVm(director, "backup")));
        Files.createDirectories(defaultFile.getParent());
        Files.writeString(defaultFile, OpenSshKnownHosts.scan(director, KeyType.ED25519) + "\n");
        BbrRun listed = bbr(Map.of(), director, BbrProcess.withJvmOption("-Duser.home=" + home,
                DirectorFlags.forVm(director, "backup")));

        assertThat(none.exitCode()).as(none.toString()).isZero();
        assertThat(none.stderr()).isEmpty();
        assertThat(lines(none.stdout(), "Host key")).singleElement().asString().endsWith(" INFO - Host key of "
                + director.hostAndPort() + " not checked: the host is not in " + defaultFile + " (no such file)."
                + " Accepted " + fingerprint(director, KeyType.ED25519) + "; list the host in " + defaultFile
                + " to have its key checked from now on.");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.stdout()).doesNotContain("Host key");
    }

    @Test
    void aChangedKey_isRefusedBeforeLoggingIn_namingBothFingerprintsAndTheFix_orAcceptedWithAWarningUnderNo()
            throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(director, KeyType.ED25519));
        byte[] written = Files.readAllBytes(file);
        String listed = fingerprint(director, KeyType.ED25519);
        director.replaceHostKeys();
        String presented = fingerprint(director, KeyType.ED25519);
        VmState before = VmState.of(director);

        BbrRun refused = bbr(env(file), director, "backup");
        BbrRun check = bbr(env(file), director, "pre-backup-check");
        before.assertNothingRan(director);
        BbrRun lax = bbr(env(file, "BBR_STRICT_HOST_KEY_CHECKING", "no"), director, "backup");
        assertThat(Files.readAllBytes(file)).as("bbr never writes the file").isEqualTo(written);
        OpenSshKnownHosts.remove(file, director.host());
        BbrRun afterRemoval = bbr(env(file), director, "backup");

        String message = "ssh: the host key of " + director.hostAndPort() + " does not match the one in " + file
                + REFUSING + "\n"
                + "  known_hosts lists:  " + listed + "\n"
                + "  the host presented: " + presented + "\n"
                + "Someone could be intercepting the connection (a man-in-the-middle attack), or the host key was"
                + " replaced.\n"
                + "If it was replaced, check the new fingerprint with the host's administrator, then remove the old"
                + " entry with\n"
                + "  ssh-keygen -f '" + file + "' -R '" + director.host() + "'\n"
                + "and add the new key.";
        assertThat(listed).isNotEqualTo(presented);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("1 error occurred:\nerror 1:\n" + message + "\n");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.stdout()).endsWith("Director cannot be backed up.\n  1 error occurred:\n  error 1:\n"
                + message.indent(2));
        assertThat(lax.exitCode()).as(lax.toString()).isZero();
        assertThat(lines(lax.stdout(), "Host key")).singleElement().asString().endsWith(" WARN - Host key of "
                + director.hostAndPort() + " does not match " + file + ", which lists " + listed + " for it; the host"
                + " presented " + presented + ". Someone could be intercepting the connection (a man-in-the-middle"
                + " attack), or the host key was replaced. Connecting anyway, as BBR_STRICT_HOST_KEY_CHECKING=no"
                + " asks.");
        assertThat(afterRemoval.exitCode()).as(afterRemoval.toString()).isZero();
        assertThat(lines(afterRemoval.stdout(), "Host key")).singleElement().asString().contains("not checked");
    }

    @Test
    void aListedJumpbox_carriesTheBackup_andPreBackupCheckNamesBothVerdicts() throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(director, KeyType.ED25519),
                OpenSshKnownHosts.scan(jumpbox, KeyType.RSA));

        BbrRun backup = bbr(throughJumpbox(file), director, "backup");
        BbrRun check = bbr(throughJumpbox(file), director, "pre-backup-check");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.stdout()).doesNotContain("Host key");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(lines(check.stdout(), "Host key")).satisfiesExactlyInAnyOrder(
                line -> assertThat(line).endsWith(" INFO - Host key of the jumpbox " + jumpbox.hostAndPort()
                        + " matches " + file + ": " + fingerprint(jumpbox, KeyType.RSA)),
                line -> assertThat(line).endsWith(" INFO - Host key of " + director.hostAndPort() + " matches "
                        + file + ": " + fingerprint(director, KeyType.ED25519)));
    }

    @Test
    void anUnlistedJumpbox_isAcceptedAndNamedOnce_butRefusedUnderStrictChecking() throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(director, KeyType.ED25519));

        BbrRun accepted = bbr(throughJumpbox(file), director, "backup");
        VmState before = VmState.of(director);
        int jumpboxLoginsBefore = jumpbox.sshConnectionCount();
        Map<String, String> strictEnv = new HashMap<>(throughJumpbox(file));
        strictEnv.put("BBR_STRICT_HOST_KEY_CHECKING", "yes");
        BbrRun strict = bbr(strictEnv, director, "backup");

        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(lines(accepted.stdout(), "Host key")).singleElement().asString().endsWith(
                " INFO - Host key of the jumpbox " + jumpbox.hostAndPort() + " not checked: the host is not in "
                        + file + ". Accepted " + fingerprint(jumpbox, KeyType.ED25519) + "; list the host in " + file
                        + " to have its key checked from now on.");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.stderr()).isEqualTo("1 error occurred:\nerror 1:\n"
                + "BOSH_ALL_PROXY: cannot open the tunnel through the jumpbox ssh+socks5://" + jumpbox.username()
                + "@" + jumpbox.hostAndPort() + ": ssh: " + jumpbox.hostAndPort() + " is not in " + file
                + " and BBR_STRICT_HOST_KEY_CHECKING=yes" + REFUSING + "\n"
                + "  the host presented: " + fingerprint(jumpbox, KeyType.ED25519) + "\n"
                + "To trust the host, check that fingerprint with its administrator, then add its key to " + file
                + ".\n");
        assertThat(jumpbox.sshConnectionCount()).as("no login on the jumpbox").isEqualTo(jumpboxLoginsBefore);
        before.assertNothingRan(director);
    }

    @Test
    void aJumpboxWithAChangedKey_isRefused_andNothingReachesTheDirector_orAcceptedWithAWarningUnderNo()
            throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(director, KeyType.ED25519),
                OpenSshKnownHosts.scan(jumpbox, KeyType.ED25519));
        String listed = fingerprint(jumpbox, KeyType.ED25519);
        jumpbox.replaceHostKeys();
        String presented = fingerprint(jumpbox, KeyType.ED25519);
        VmState before = VmState.of(director);
        int jumpboxLoginsBefore = jumpbox.sshConnectionCount();

        BbrRun refused = bbr(throughJumpbox(file), director, "backup");
        assertThat(jumpbox.sshConnectionCount()).as("no login on the jumpbox").isEqualTo(jumpboxLoginsBefore);
        before.assertNothingRan(director);
        Map<String, String> laxEnv = new HashMap<>(throughJumpbox(file));
        laxEnv.put("BBR_STRICT_HOST_KEY_CHECKING", "no");
        BbrRun lax = bbr(laxEnv, director, "backup");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("1 error occurred:\nerror 1:\n"
                + "BOSH_ALL_PROXY: cannot open the tunnel through the jumpbox ssh+socks5://" + jumpbox.username()
                + "@" + jumpbox.hostAndPort() + ": ssh: the host key of " + jumpbox.hostAndPort()
                + " does not match the one in " + file + REFUSING + "\n"
                + "  known_hosts lists:  " + listed + "\n"
                + "  the host presented: " + presented + "\n")
                .contains("ssh-keygen -f '" + file + "' -R '" + jumpbox.host() + "'");
        assertThat(lax.exitCode()).as(lax.toString()).isZero();
        assertThat(lines(lax.stdout(), "Host key")).singleElement().asString().contains(" WARN - Host key of the"
                + " jumpbox " + jumpbox.hostAndPort() + " does not match " + file + ", which lists " + listed);
    }

    @Test
    void deploymentMode_refusesAJumpboxWithAChangedKey_beforeAskingTheDirectorAnything() throws IOException {
        Path file = knownHosts(OpenSshKnownHosts.scan(jumpbox, KeyType.ED25519));
        jumpbox.replaceHostKeys();
        try (DirectorSimulator simulator = DirectorSimulator.builder().auth(Auth.basic("admin", "secret"))
                .deployment(Deployment.named("db").release("r")
                        .instanceGroup("db", g -> g.job("db", "r").instance(director, true)))
                .start()) {
            List<String> args = new ArrayList<>(List.of("deployment", "-t", simulator.url(), "-u", "admin", "-p",
                    "secret", "--ca-cert", simulator.caCertFile().toString(), "-d", "db", "backup"));
            BbrRun refused;
            try (BbrProcess process = BbrProcess.start(workDir, throughJumpbox(file), args.toArray(String[]::new))) {
                refused = process.await(Duration.ofMinutes(3));
            }

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr()).contains("BOSH_ALL_PROXY: cannot open the tunnel through the jumpbox")
                    .contains("ssh: the host key of " + jumpbox.hostAndPort() + " does not match the one in " + file);
            assertThat(simulator.requests().all()).as("no request reached the Director").isEmpty();
            assertThat(simulator.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    /** What a refused run must leave as it was: the VM's logins and the job scripts that ran. */
    @Test
    void aKnownHostsFileThatIsNotThere_orAStrictnessOtherThanYesOrNo_isAFlagError_beforeAnyConnection() {
        VmState before = VmState.of(director);

        BbrRun missing = bbr(Map.of("BBR_KNOWN_HOSTS", keys.resolve("typo").toString()), director, "backup");
        BbrRun ask = bbr(Map.of("BBR_STRICT_HOST_KEY_CHECKING", "ask"), director, "backup");

        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("BBR_KNOWN_HOSTS=" + keys.resolve("typo") + ": no such file\n");
        assertThat(ask.exitCode()).as(ask.toString()).isEqualTo(1);
        assertThat(ask.stderr()).isEqualTo("BBR_STRICT_HOST_KEY_CHECKING=ask: must be yes or no\n");
        before.assertNothingRan(director);
    }

    private record VmState(int logins, List<String> events) {

        static VmState of(Vm vm) {
            return new VmState(vm.sshConnectionCount(), DirectorFixture.events(vm));
        }

        void assertNothingRan(Vm vm) {
            assertThat(vm.sshConnectionCount()).as("refused before logging in").isEqualTo(logins);
            assertThat(DirectorFixture.events(vm)).as("no script ran, nothing was locked").isEqualTo(events);
            assertThat(vm.exists("/var/vcap/store/bbr-backup")).as("no remote directory").isFalse();
        }
    }

    private BbrRun bbr(Map<String, String> env, Vm vm, String... subcommandOrArgs) {
        String[] args = subcommandOrArgs.length > 0 && (subcommandOrArgs[0].equals("director")
                || subcommandOrArgs[0].startsWith(BbrProcess.JVM_OPTION))
                ? subcommandOrArgs : DirectorFlags.forVm(vm, subcommandOrArgs);
        try (BbrProcess process = BbrProcess.start(workDir, env, args)) {
            return process.await(Duration.ofMinutes(3));
        }
    }

    private Path knownHosts(String... entries) throws IOException {
        Path file = Files.createTempFile(keys, "known_hosts", "");
        Files.writeString(file, String.join("\n", entries) + "\n");
        return file;
    }

    private static Map<String, String> env(Path file, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("BBR_KNOWN_HOSTS", file.toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private Map<String, String> throughJumpbox(Path file) {
        return env(file, "BOSH_ALL_PROXY", "ssh+socks5://" + jumpbox.username() + "@" + jumpbox.hostAndPort()
                + "?private-key=" + jumpbox.privateKeyPath());
    }

    private static String fingerprint(Vm vm, KeyType type) {
        return OpenSshKnownHosts.fingerprint(vm.hostKey(type));
    }

    private static List<String> lines(String output, String containing) {
        try (Stream<String> lines = output.lines()) {
            return lines.filter(line -> line.contains(containing)).toList();
        }
    }
}
