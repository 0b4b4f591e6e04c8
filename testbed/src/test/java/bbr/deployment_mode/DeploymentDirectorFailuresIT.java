package bbr.deployment_mode;

import static bbr.deployment_mode.DeploymentFixture.SECRET;
import static bbr.deployment_mode.DeploymentFixture.USER;
import static bbr.deployment_mode.DeploymentFixture.args;
import static bbr.deployment_mode.DeploymentFixture.bbr;
import static bbr.deployment_mode.DeploymentFixture.bbrWithEnv;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.ssh.SshSettings;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.director.HttpFault;
import bbr.testbed.director.RecordedRequest;
import bbr.testbed.director.TaskKind;
import bbr.testbed.vm.SilentPort;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, TLS trust and Director failures, against the simulator and real VMs. */
class DeploymentDirectorFailuresIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(2);

    @TempDir
    Path workDir;

    @BeforeEach
    void setUp() {
        DeploymentFixture.redisOnEveryVm(VMS.farm().vms(), "data");
    }

    private DirectorSimulator director(Auth auth) {
        return DirectorSimulator.builder().auth(auth)
                .deployment(Deployment.named("redis").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test")
                                .instance(VMS.vm(0), true).instance(VMS.vm(1), false)))
                .start();
    }

    @Test
    void uaaAuth_backsUp_andTheCaMayBeGivenAsPemText() {
        try (DirectorSimulator director = director(Auth.uaa(USER, SECRET))) {
            BbrRun run = bbrWithEnv(workDir, Map.of(), "deployment", "-t", director.url(), "-u", USER, "-p", SECRET,
                    "--ca-cert", director.caCertPem(), "-d", "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(director.requests().all()).anyMatch(r -> r.path().endsWith("/oauth/token"));
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"refuses connections", "answers 503", "answers 200 without a token"})
    void uaaDown_failsNamingTheUaaUrl_andTouchesNoVm(String how) {
        try (DirectorSimulator director = director(Auth.uaa(USER, SECRET))) {
            String tokenUrl = director.uaaUrl().orElseThrow() + "/oauth/token";
            HttpFault tokenFault = HttpFault.on("POST", "/oauth/token").times(Integer.MAX_VALUE);
            switch (how) {
                case "refuses connections" -> director.stopUaa();
                case "answers 503" -> director.faults().add(tokenFault.respond(503));
                default -> director.faults().add(tokenFault.respond(200, "{\"token_type\":\"bearer\"}"));
            }
            BbrRun run = bbr(director, workDir, "redis", "backup");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains(tokenUrl).contains(switch (how) {
                case "refuses connections" -> "Connection refused";
                case "answers 503" -> "UAA responded with non-successful status code '503'";
                default -> "UAA's answer has no token";
            }).doesNotContain("It is recommended").doesNotContain("\tat ");
            assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET);
            assertThat(director.requests().all()).as("only /info reached the Director")
                    .filteredOn(r -> r.server() == RecordedRequest.Server.DIRECTOR)
                    .allMatch(r -> r.path().equals("/info"));
            assertThat(director.usersLeftOnVms()).isEmpty();
            for (Vm vm : VMS.farm().vms()) {
                assertThat(DeploymentFixture.events(vm)).isEmpty();
            }
            assertThat(workDir.toFile().list((dir, name) -> name.startsWith("redis_"))).isEmpty();
            if (!how.equals("refuses connections")) {
                // bosh-cli retries the token request on transport errors only: any answer is final
                assertThat(director.requests().all()).filteredOn(r -> r.server() == RecordedRequest.Server.UAA)
                        .hasSize(1);
            }
        }
    }

    @Test
    void environmentVariables_replaceTheFlags_andCaCertWinsOverBoshCaCert() {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            BbrRun run = bbrWithEnv(workDir, Map.of("BOSH_ENVIRONMENT", director.url(), "BOSH_CLIENT", USER,
                    "BOSH_CLIENT_SECRET", SECRET, "BOSH_DEPLOYMENT", "redis",
                    "CA_CERT", director.caCertFile().toString(), "BOSH_CA_CERT", "/nonexistent/ca.pem"),
                    "deployment", "pre-backup-check");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stdout()).containsPattern("\\[\\d\\d:\\d\\d:\\d\\d] Deployment 'redis' can be backed up.");
        }
    }

    @Test
    void withManifest_savesTheManifestOwnerOnly_andUnsafeLockFreeSkipsTheLocks() throws Exception {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            BbrRun run = bbr(director, workDir, "redis", "backup", "--with-manifest", "--unsafe-lock-free");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Path artifact;
            try (var entries = Files.list(workDir)) {
                artifact = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            assertThat(Files.readString(artifact.resolve("manifest.yml"))).contains("name: redis")
                    .contains("redis-server");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(artifact.resolve("manifest.yml")))).isEqualTo("rw-------");
            assertThat(run.stdout()).contains("Skipping lock for deployment")
                    .contains("Skipping unlock after successful backup for deployment");
            for (Vm vm : VMS.farm().vms()) {
                assertThat(DeploymentFixture.events(vm)).noneMatch(e -> e.script().endsWith("-lock")
                        || e.script().endsWith("-unlock"));
            }
        }
    }

    @Test
    void vmThatAcceptsTcpButNeverSpeaksSsh_failsAfterTheHandshakeTimeout_andEveryTemporaryUserIsRemoved() {
        Vm silentVm = VMS.vm(1);
        silentVm.stopSshd();
        try (SilentPort silent = SilentPort.open(silentVm.host(), silentVm.port());
             DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            BbrRun run = BbrProcess.run(workDir, BbrProcess.withJvmOption(
                    "-D" + SshSettings.HANDSHAKE_TIMEOUT_PROPERTY + "=PT3S", args(director, "redis", "backup")));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            String silentInstance = "redis/" + director.deployment("redis").instance("redis", 1).id();
            assertThat(run.stderr()).contains("failed to find instances for deployment redis")
                    .containsPattern(java.util.regex.Pattern.quote(silentInstance) + ": ssh: cannot connect to "
                            + java.util.regex.Pattern.quote(silent.hostAndPort())
                            + " as user bosh_[0-9a-f]+: the server did not identify itself as an SSH server"
                            + " within 3 s");
            assertThat(silent.connections()).as("bbr got past TCP").isPositive();
            assertThat(director.sshCalls()).as("the Director set the user up on both VMs")
                    .filteredOn(call -> call.command().equals("setup")).hasSize(2);
            assertThat(director.usersLeftOnVms()).as(run.toString()).isEmpty();
            assertThat(DeploymentFixture.events(VMS.vm(0))).noneMatch(e -> e.script().endsWith("-lock"));
            assertThat(workDir.toFile().list((dir, name) -> name.startsWith("redis_"))).isEmpty();
        } finally {
            silentVm.startSshd();
        }
    }

    @Test
    void untrustedCertificate_isRefused_namingTheDirector() throws Exception {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            Path otherCa = Files.writeString(workDir.resolve("other-ca.pem"),
                    DirectorSimulator.unrelatedCa().certPem());
            BbrRun run = bbrWithEnv(workDir, Map.of(), "deployment", "-t", director.url(), "-u", USER, "-p", SECRET,
                    "--ca-cert", otherCa.toString(), "-d", "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("bosh director unreachable or unhealthy").contains(director.host())
                    .containsIgnoringCase("certif");
            assertThat(director.requests().all()).isEmpty();
        }
    }

    @Test
    void wrongCredentials_exit1_withTheDirectorsAnswer_andNeverPrintTheSecret() {
        try (DirectorSimulator director = director(Auth.basic(USER, "the-right-one"))) {
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("Director responded with non-successful status code '401'");
            assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET);
        }
    }

    @Test
    void missingDeployment_saysSoPlainly() {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            BbrRun run = bbr(director, workDir, "no-such-deployment", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("Deployment 'no-such-deployment' doesn't exist")
                    .doesNotContain("It is recommended");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 401})
    void directorRefusingTheManifest_failsNamingTheStep_beforeAnyUserIsMade(int status) {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            // for ever: bbr sends a request answered 401 once more, as bosh-cli does
            director.faults().add(HttpFault.on("GET", "/deployments/redis").times(Integer.MAX_VALUE).respond(status));
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("failed to find instances for deployment redis: Fetching manifest:"
                    + " Finding deployment 'redis': Director responded with non-successful status code '" + status
                    + "'").doesNotContain("It is recommended");
            assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET);
            assertThat(director.requests().matching("POST", "/deployments/redis/ssh")).isEmpty();
            assertThat(director.usersLeftOnVms()).isEmpty();
            assertThat(workDir.toFile().list((dir, name) -> name.startsWith("redis_"))).isEmpty();
        }
    }

    @Test
    void directorAnswering401AtSshCleanup_afterAGoodBackup_isExit16_andTheArtifactIsKeptWhole() throws Exception {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            // the one setup goes through; every cleanup is refused, as after a password rotation mid-backup
            director.faults().add(HttpFault.on("POST", "/deployments/redis/ssh").afterSkipping(1)
                    .times(Integer.MAX_VALUE).respond(401));
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(16);
            assertThat(run.stderr()).contains("Deployment 'redis' failed while cleaning up with error: Cleaning up"
                    + " SSH in deployment 'redis': Director responded with non-successful status code '401'")
                    .contains("It is recommended that you run `bbr backup-cleanup`");
            assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET);
            for (Vm vm : VMS.farm().vms()) {
                assertThat(DeploymentFixture.events(vm)).anyMatch(e -> e.script().equals("post-backup-unlock")
                        && e.line().endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=true"));
                assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
            }
            Path artifact;
            try (var entries = Files.list(workDir)) {
                artifact = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            assertThat(Files.readString(artifact.resolve("metadata"))).contains("./dump.rdb: ")
                    .doesNotContain("incomplete");
            assertThat(director.usersLeftOnVms()).as("the Director would not remove them").hasSize(2);
        }
    }

    @Test
    void uaaTokenExpiringMidRun_isRenewedOnTheDirectors401_andTheBackupSucceeds() {
        // Tokens live 1 s while the SSH cleanup task takes 3 s: its polls carry an expired token and get a 401.
        try (DirectorSimulator director = director(Auth.uaa(USER, SECRET).tokenLifetime(Duration.ofSeconds(1)))) {
            director.faults().slowNextTask(TaskKind.SSH_CLEANUP, Duration.ofSeconds(3));
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(director.requests().all()).as("the Director refused an expired token")
                    .anyMatch(r -> r.status() == 401);
            assertThat(director.usersLeftOnVms()).isEmpty();
        }
    }

    @Test
    void taskEndingInError_failsWithTheTasksMessage() {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            director.faults().failNextTask(TaskKind.VMS, "Timed out sending 'get_state' to agent");
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("to succeed but state is 'error'")
                    .contains("Timed out sending 'get_state' to agent");
        }
    }

    @Test
    void sshSetupFailingPartway_leavesNoUserOnAnyVm() {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            director.faults().failNextSshSetupAfter(1, "agent on vm-1 unresponsive");
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("Setting up SSH in deployment 'redis'");
            assertThat(director.usersLeftOnVms().values()).as(run + "\n" + director.requests().all())
                    .allMatch(List::isEmpty);
            assertThat(workDir.toFile().list((dir, name) -> name.startsWith("redis_"))).isEmpty();
        }
    }

    @Test
    void http500DuringSshSetup_leavesNoUserBehind() {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            director.faults().failNext("POST", "/deployments/redis/ssh", 500, 1);
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("Director responded with non-successful status code '500'");
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    @Test
    void sshCleanupFailing_isExit16_afterAGoodBackup() {
        try (DirectorSimulator director = director(Auth.basic(USER, SECRET))) {
            director.faults().add(HttpFault.on("POST", "/deployments/redis/ssh")
                    .afterSkipping(1).times(1).respond(500));
            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(16);
            assertThat(run.stderr()).contains("Deployment 'redis' failed while cleaning up with error:")
                    .contains("It is recommended that you run `bbr backup-cleanup`");
        }
    }
}
