package bbr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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

    private Process proxy;
    private Path proxyLog;
    private int proxyPort;

    @BeforeEach
    void startProxy() throws Exception {
        Vm jumpbox = VMS.vm(0);
        Vm target = VMS.vm(1);
        target.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/store/db").orThrow();
        target.writeFile("/var/vcap/store/db/data", "through the jumpbox", 0644);
        target.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        target.writeJobScript("db", "restore", JobScripts.copyArtifactToData("db", "/var/vcap/store/db"));
        try (ServerSocket free = new ServerSocket(0)) {
            proxyPort = free.getLocalPort();
        }
        proxyLog = workDir.resolve("ssh-D.log");
        proxy = new ProcessBuilder("ssh", "-v", "-N", "-D", "127.0.0.1:" + proxyPort, "-i",
                jumpbox.privateKeyPath().toString(), "-p", String.valueOf(jumpbox.port()), "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                jumpbox.username() + "@" + jumpbox.host())
                .redirectErrorStream(true).redirectOutput(proxyLog.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", proxyPort)) {
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("ssh -D did not start: " + Files.readString(proxyLog));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterEach
    void stopProxy() {
        proxy.destroyForcibly();
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
                Fixtures.onlyArtifact(workDir).toString()));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(target.readString("/var/vcap/store/db/data")).isEqualTo("through the jumpbox");
        assertThat(Files.readString(proxyLog)).as("the SSH connections were made by the jumpbox")
                .contains("dynamic-tcpip");

        proxy.destroyForcibly().waitFor();
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
            String log = Files.readString(proxyLog);
            assertThat(log).contains("dynamic-tcpip");
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    @Test
    void theJumpboxFormIsRefusedClearly_ratherThanIgnored() {
        BbrRun run = bbr(Map.of("BOSH_ALL_PROXY", "ssh+socks5://jumpbox@127.0.0.1:22?private-key=/k"),
                DirectorFlags.forVm(VMS.vm(1), "backup"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("BOSH_ALL_PROXY").contains("ssh+socks5");
    }
}
