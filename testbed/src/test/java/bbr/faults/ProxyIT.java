package bbr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.OpenSshSocksProxy;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** BOSH_ALL_PROXY as a real OpenSSH SOCKS5 proxy ({@code ssh -D}) through a jumpbox VM. */
class ProxyIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(2);

    @TempDir
    Path workDir;

    private OpenSshSocksProxy proxy;
    private int proxyPort;

    @BeforeEach
    void startProxy() throws Exception {
        Vm jumpbox = VMS.vm(0);
        Vm target = VMS.vm(1);
        target.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/store/db").orThrow();
        target.writeFile("/var/vcap/store/db/data", "through the jumpbox", 0644);
        target.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        target.writeJobScript("db", "restore", JobScripts.copyArtifactToData("db", "/var/vcap/store/db"));
        proxy = OpenSshSocksProxy.start(jumpbox, workDir.resolve("ssh-D.log"));
        proxyPort = proxy.port();
    }

    @AfterEach
    void stopProxy() throws InterruptedException {
        proxy.close();
    }

    private BbrRun bbr(Map<String, String> env, String... args) {
        try (BbrProcess process = BbrProcess.start(workDir, env, args)) {
            return process.await(Duration.ofMinutes(3));
        }
    }

    @Test
    void directorBackupAndRestore_goThroughTheProxy_andAStoppedProxyFailsFast() throws Exception {
        Map<String, String> env = Map.of("BOSH_ALL_PROXY", "socks5://127.0.0.1:" + proxyPort);
        Vm target = VMS.vm(1);

        BbrRun backup = bbr(env, DirectorFlags.forVm(target, "backup"));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        target.exec("rm -rf /var/vcap/store/db/*").orThrow();
        BbrRun restore = bbr(env, DirectorFlags.forVm(target, "restore", "--artifact-path",
                Artifacts.onlyArtifact(workDir).toString()));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(target.readString("/var/vcap/store/db/data")).isEqualTo("through the jumpbox");
        assertThat(proxy.log()).as("the SSH connections were made by the jumpbox")
                .contains("dynamic-tcpip");

        proxy.close();
        long start = System.nanoTime();
        BbrRun dead = bbr(env, DirectorFlags.forVm(target, "backup"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(dead.exitCode()).as(dead.toString()).isEqualTo(1);
        assertThat(dead.stderr()).contains("through the proxy").contains("127.0.0.1:" + proxyPort);
    }

    @Test
    void deploymentBackup_sendsDirectorAndSshTrafficThroughTheProxy() throws Exception {
        Vm target = VMS.vm(1);
        try (DirectorSimulator director = DirectorSimulator.builder().auth(Auth.basic("admin", "secret"))
                .deployment(Deployment.named("db").release("r")
                        .instanceGroup("db", g -> g.job("db", "r").instance(target, true)))
                .start()) {
            List<String> args = new ArrayList<>(List.of("deployment", "-t", director.url(), "-u", "admin", "-p",
                    "secret", "--ca-cert", director.caCertFile().toString(), "-d", "db", "backup"));
            BbrRun backup = bbr(Map.of("BOSH_ALL_PROXY", "socks5h://127.0.0.1:" + proxyPort),
                    args.toArray(String[]::new));

            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            String log = proxy.log();
            assertThat(log).contains("dynamic-tcpip");
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    @Test
    void deploymentMode_withAProxyThatRefuses_namesTheProxy_asTheSshPathDoes() throws Exception {
        proxy.close();
        try (DirectorSimulator director = DirectorSimulator.builder().auth(Auth.uaa("admin", "secret"))
                .deployment(Deployment.named("db").release("r")
                        .instanceGroup("db", g -> g.job("db", "r").instance(VMS.vm(1), true)))
                .start()) {
            BbrRun refused = bbr(Map.of("BOSH_ALL_PROXY", "socks5://127.0.0.1:" + proxyPort), "deployment", "-t",
                    director.url(), "-u", "admin", "-p", "secret", "--ca-cert", director.caCertFile().toString(),
                    "-d", "db", "pre-backup-check");

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr()).contains("bosh director unreachable or unhealthy: Fetching info: Performing"
                    + " request GET '" + director.url() + "/info': BOSH_ALL_PROXY socks5://127.0.0.1:" + proxyPort
                    + " refused the connection");
            assertThat(director.requests().all()).isEmpty();
        }
    }

    @Test
    void aProxyThatDiesMidTransfer_failsNamingTheVm_andLeavesNoArtifactPassingForGood() throws Exception {
        Vm target = VMS.vm(1);
        target.exec("head -c 400M /dev/zero > /var/vcap/store/db/big").orThrow();
        try (BbrProcess backup = BbrProcess.start(workDir,
                Map.of("BOSH_ALL_PROXY", "socks5://127.0.0.1:" + proxyPort, "BBR_FORCE_TTY", "0"),
                DirectorFlags.forVm(target, "backup"))) {
            backup.awaitLine(line -> line.contains("Copying backup") && line.contains("% complete"),
                    Duration.ofMinutes(1));
            proxy.close();
            BbrRun run = backup.await(Duration.ofMinutes(2));

            assertThat(run.exitCode()).as(run.toString()).isNotZero();
            assertThat(run.stderr()).contains(target.host());
            assertThat(Files.readString(Artifacts.onlyArtifact(workDir).resolve("metadata")))
                    .as("the artifact says it is incomplete, so restore refuses it").contains("incomplete: true");
        } finally {
            target.exec("rm -f /var/vcap/store/db/big; rm -rf /var/vcap/store/bbr-backup").orThrow();
        }
    }

    /** {@code BOSH_ALL_PROXY} naming the jumpbox VM itself, as {@code ssh+socks5://user@host:port?private-key=}. */
    private static String jumpboxProxy(Path key) {
        Vm jumpbox = VMS.vm(0);
        return "ssh+socks5://" + jumpbox.username() + "@" + jumpbox.hostAndPort() + "?private-key=" + key;
    }

    /** The target VM under a name only the jumpbox can resolve: reaching it proves the jumpbox made the connection. */
    private static String targetKnownOnlyToTheJumpbox() {
        Vm target = VMS.vm(1);
        String name = "db.behind-jumpbox";
        VMS.vm(0).exec("grep -q " + name + " /etc/hosts || echo '" + target.host() + " " + name + "' >> /etc/hosts")
                .orThrow();
        return name + ":" + target.port();
    }

    @Test
    void directorBackupAndRestore_goThroughAnSshJumpbox_toAVmOnlyTheJumpboxCanName() throws Exception {
        Map<String, String> env = Map.of("BOSH_ALL_PROXY", jumpboxProxy(VMS.vm(0).privateKeyPath()));
        Vm target = VMS.vm(1);
        String host = targetKnownOnlyToTheJumpbox();
        int jumpboxLoginsBefore = VMS.vm(0).sshConnectionCount();

        BbrRun backup = bbr(env, DirectorFlags.forVmAt(VMS.vm(1), host, "backup"));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        target.exec("rm -rf /var/vcap/store/db/*").orThrow();
        BbrRun restore = bbr(env, DirectorFlags.forVmAt(VMS.vm(1), host, "restore", "--artifact-path",
                Artifacts.onlyArtifact(workDir).toString()));

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(target.readString("/var/vcap/store/db/data")).isEqualTo("through the jumpbox");
        assertThat(VMS.vm(0).sshConnectionCount() - jumpboxLoginsBefore)
                .as("one jumpbox connection per run").isEqualTo(2);
    }

    @Test
    void aWrongJumpboxKey_orADeadJumpbox_failsWithinSeconds_namingTheJumpbox() throws Exception {
        Vm jumpbox = VMS.vm(0);
        String wrongKey = workDir.resolve("not-the-jumpbox-key").toString();
        assertThat(new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey)
                .start().waitFor()).isZero();
        long start = System.nanoTime();
        BbrRun refused = bbr(Map.of("BOSH_ALL_PROXY", jumpboxProxy(Path.of(wrongKey))),
                DirectorFlags.forVm(VMS.vm(1), "backup"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("BOSH_ALL_PROXY")
                .contains("ssh+socks5://" + jumpbox.username() + "@" + jumpbox.hostAndPort())
                .contains("unable to authenticate");
        assertThat(refused.stderr()).doesNotContain("Exception");

        jumpbox.stopSshd();
        try {
            start = System.nanoTime();
            BbrRun dead = bbr(Map.of("BOSH_ALL_PROXY", jumpboxProxy(jumpbox.privateKeyPath())),
                    DirectorFlags.forVm(VMS.vm(1), "backup"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(dead.exitCode()).as(dead.toString()).isEqualTo(1);
            assertThat(dead.stderr()).contains("ssh+socks5://" + jumpbox.username() + "@" + jumpbox.hostAndPort())
                    .contains("connection refused");
        } finally {
            jumpbox.startSshd();
        }
    }

    /**
     * The original's issue #22: a tunnel that carried nothing for a while was closed as idle (there by a firewall
     * after 15 minutes, here by the jumpbox's sshd after 3 s) and the run failed. Keepalives keep it busy.
     */
    @Test
    void aLongSilentStep_keepsTheJumpboxTunnelAlive_withKeepalivesMoreFrequentThanTheIdleTimeout() throws Exception {
        Vm jumpbox = VMS.vm(0);
        Vm target = VMS.vm(1);
        target.writeJobScript("db", "backup", "#!/bin/bash\nset -e\nsleep 8\n"
                + "cp -a /var/vcap/store/db/. \"$BBR_ARTIFACT_DIRECTORY\"\n");
        jumpbox.exec("echo 'ChannelTimeout direct-tcpip=3s' >> /etc/ssh/sshd_config").orThrow();
        jumpbox.stopSshd();
        jumpbox.startSshd();
        Map<String, String> env = Map.of("BOSH_ALL_PROXY", jumpboxProxy(jumpbox.privateKeyPath()));
        try {
            BbrRun idle = bbr(env, DirectorFlags.forVm(target, "backup"));
            assertThat(idle.exitCode()).as("control: 30 s keepalives let the jumpbox close the idle tunnel: " + idle)
                    .isNotZero();

            BbrRun kept = bbr(env, BbrProcess.withJvmOption("-Dbbr.ssh.heartbeat-interval=1",
                    DirectorFlags.forVm(target, "backup")));
            assertThat(kept.exitCode()).as(kept.toString()).isZero();
        } finally {
            jumpbox.exec("sed -i '/^ChannelTimeout/d' /etc/ssh/sshd_config").orThrow();
            jumpbox.stopSshd();
            jumpbox.startSshd();
        }
    }

    @Test
    void deploymentBackup_sendsDirectorAndSshTrafficThroughAnSshJumpbox() throws Exception {
        Vm jumpbox = VMS.vm(0);
        Vm target = VMS.vm(1);
        // DEBUG1 makes the jumpbox's sshd log each forwarded connection with its destination
        jumpbox.exec("sed -i 's/^LogLevel .*/LogLevel DEBUG1/' /etc/ssh/sshd_config").orThrow();
        jumpbox.stopSshd();
        jumpbox.startSshd();
        try (DirectorSimulator director = DirectorSimulator.builder().auth(Auth.basic("admin", "secret"))
                .deployment(Deployment.named("db").release("r")
                        .instanceGroup("db", g -> g.job("db", "r").instance(target, true)))
                .start()) {
            BbrRun backup = bbr(Map.of("BOSH_ALL_PROXY", jumpboxProxy(jumpbox.privateKeyPath())), "deployment",
                    "-t", director.url(), "-u", "admin", "-p", "secret", "--ca-cert",
                    director.caCertFile().toString(), "-d", "db", "backup");

            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            String forwarded = String.join("\n", jumpbox.sshdLog());
            assertThat(forwarded).as("the Director's HTTPS went through the jumpbox")
                    .containsPattern("direct_tcpip: .*target \\S+ port " + java.net.URI.create(director.url()).getPort());
            assertThat(forwarded).as("the VM's SSH went through the jumpbox")
                    .containsPattern("direct_tcpip: .*target " + java.util.regex.Pattern.quote(target.host())
                            + " port " + target.port());
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        } finally {
            jumpbox.exec("sed -i 's/^LogLevel .*/LogLevel VERBOSE/' /etc/ssh/sshd_config").orThrow();
            jumpbox.stopSshd();
            jumpbox.startSshd();
        }
    }
}
