package bbr.deployment_mode;

import static bbr.deployment_mode.DeploymentFixture.SECRET;
import static bbr.deployment_mode.DeploymentFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.OperatorTools;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.VmFarmExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --debug} logs every remote command and Director exchange, and still never prints a secret: not the client
 * secret, not a UAA token, not the temporary user's private key, not an Authorization header's value.
 */
class DebugSecretsIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(2);

    @TempDir
    Path workDir;

    @BeforeEach
    void setUp() {
        DeploymentFixture.redisOnEveryVm(VMS.farm().vms(), "data");
        // A failing deployment, so that error blocks, its dumped log and the error log file are searched too.
        VMS.vm(1).writeJobScript("redis-server", "backup", JobScripts.failing("redis-server", "backup", "disk full", 1));
    }

    @Test
    void uaaAuthenticatedDebugBackups_printNoSecret_onStdoutStderrOrInAnyLogFile() throws IOException {
        try (DirectorSimulator director = DirectorSimulator.builder().auth(Auth.uaa(USER, SECRET))
                .deployment(Deployment.named("redis").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(0), true)))
                .deployment(Deployment.named("broken").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(1), true)))
                .start()) {
            List<String> common = List.of("deployment", "--debug", "--target", director.url(), "--username", USER,
                    "--password", SECRET, "--ca-cert", director.caCertFile().toString());

            BbrRun single = bbr(common, "--deployment", "redis", "backup");
            BbrRun all = bbr(common, "--all-deployments", "backup");

            assertThat(single.exitCode()).as(single.toString()).isZero();
            assertThat(all.exitCode()).as(all.toString()).isEqualTo(1);
            assertThat(director.requests().matching("POST", "/oauth/token")).as("tokens were issued").isNotEmpty();
            String everything = single.stdout() + single.stderr() + all.stdout() + all.stderr() + logFiles();
            assertThat(everything).as("--debug traces are there")
                    .contains("DEBUG - Sending POST request to endpoint '" + director.uaaUrl().orElseThrow()
                            + "/oauth/token'")
                    .contains("DEBUG - Sending GET request to endpoint '" + director.url() + "/deployments'")
                    .contains("DEBUG - Trying to execute 'sudo ")
                    .contains("Error attempting to run backup for job redis-server");
            String basic = Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(everything).doesNotContain(SECRET).doesNotContain(basic)
                    .doesNotContain("eyJ")
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContainPattern("(?i)authorization\"?\\s*[:=]\\s*\"?(basic|bearer)\\s+(?!<redacted>)\\S")
                    .doesNotContainPattern("(?i)bearer\\s+(?!<redacted>)[A-Za-z0-9._~+/-]{8,}");
        }
    }

    @Test
    void debugBackupRestoreAndVerify_ofAnEncryptedArtifact_printNoIdentity() throws Exception {
        OperatorTools.AgeKey key = OperatorTools.ageKeygen(workDir, "operator");
        OperatorTools.AgeKey other = OperatorTools.ageKeygen(workDir, "other");
        String secret = Files.readAllLines(key.identityFile()).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-1"))
                .findFirst().orElseThrow();
        try (DirectorSimulator director = DirectorSimulator.builder().auth(Auth.basic(USER, SECRET))
                .deployment(Deployment.named("redis").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(0), true)))
                .start()) {
            List<String> common = List.of("deployment", "--debug", "--target", director.url(), "--username", USER,
                    "--password", SECRET, "--ca-cert", director.caCertFile().toString(), "--deployment", "redis");
            BbrRun backup = bbr(common, "backup", "--compress", "--encrypt-to", key.recipient());
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            String artifact = Artifacts.onlyArtifact(workDir).toString();

            BbrRun restore = bbr(common, "restore", "-a", artifact, "--identity", key.identityFile().toString());
            BbrRun wrong = bbr(common, "restore", "-a", artifact, "--identity", other.identityFile().toString());
            BbrRun asRecipients = bbr(common, "backup", "--encrypt-to", key.identityFile().toString());
            BbrRun verify = BbrProcess.run(workDir, "verify", "--debug", "-a", artifact, "--identity",
                    key.identityFile().toString());

            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(asRecipients.exitCode()).isEqualTo(1);
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            String everything = backup + restore.toString() + wrong + asRecipients + verify + errorLogs();
            assertThat(everything).contains("DEBUG - ").doesNotContain(secret)
                    .doesNotContain(secret.substring("AGE-SECRET-KEY-1".length(), 40)).doesNotContain("AGE-SECRET-KEY");
        }
    }

    private String errorLogs() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".err.log")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private BbrRun bbr(List<String> common, String... more) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(more));
        return BbrProcess.run(workDir, args.toArray(String[]::new));
    }

    /** Every log bbr wrote: the deployments' logs under --all-deployments and bbr-*.err.log. */
    private String logFiles() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                text.append(Files.readString(file));
            }
        }
        assertThat(text).as("log files").contains("INFO - Looking for scripts").contains("disk full");
        return text.toString();
    }
}
