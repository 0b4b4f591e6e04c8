package bbr.deployment_mode;

import static bbr.deployment_mode.DeploymentFixture.bbr;
import static bbr.deployment_mode.DeploymentFixture.installJob;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.OriginalFixtures;
import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Deployments that do not fit what the operator asked for. */
class DeploymentBadInputIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    @BeforeEach
    void setUp() {
        DeploymentFixture.wipe(VMS.vm(0));
        installJob(VMS.vm(0), "redis-server", "");
    }

    @Test
    void anArtifactOfADifferentShape_isRefusedBeforeAnythingIsUploaded() {
        Path fixture = OriginalFixtures.artifact("gobbr-redis-3-instances");
        try (DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET))
                .deployment(Deployment.named("redis-dev-2").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(0), true)))
                .start()) {

            BbrRun restore = bbr(director, workDir, "redis-dev-2", "restore", "--artifact-path", fixture.toString());

            assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
            assertThat(restore.stderr()).contains("does not match the structure of the provided backup")
                    .contains("redis/1").contains("other-redis/0");
            assertThat(DeploymentFixture.events(VMS.vm(0))).noneMatch(e -> e.script().endsWith("restore-lock"));
            assertThat(VMS.vm(0).exists("/var/vcap/store/bbr-backup")).isFalse();
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    /**
     * Restore hashes the artifact as it sends it, as in director mode, rather than in a pass of its own before the
     * temporary users: a bad hash stops it before any lock or restore script, what arrived on the VM is removed,
     * and so is the temporary user.
     */
    @Test
    void aTamperedArtifact_isRefusedBeforeAnyScript_andNothingIsLeftOnTheVm() throws Exception {
        VMS.vm(0).writeFile("/var/vcap/store/redis-server/dump.rdb", "precious data", 0644);
        try (DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET))
                .deployment(Deployment.named("redis").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(0), true)))
                .start()) {
            BbrRun backup = bbr(director, workDir, "redis", "backup");
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            Path tar = Artifacts.onlyArtifact(workDir).resolve("redis-0-redis-server.tar");
            byte[] bytes = Files.readAllBytes(tar);
            bytes[new String(bytes, StandardCharsets.ISO_8859_1).indexOf("precious data")] ^= 1;
            Files.write(tar, bytes);
            int setUpsBefore = director.requests().matching("POST", "/deployments/redis/ssh").size();

            BbrRun restore = bbr(director, workDir, "redis", "restore", "--artifact-path", tar.getParent().toString());

            assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
            assertThat(restore.stderr()).contains("Backup is corrupted").contains("redis-0-redis-server.tar")
                    .contains("./dump.rdb");
            assertThat(director.requests().matching("POST", "/deployments/redis/ssh"))
                    .as("a setup and a cleanup").hasSize(setUpsBefore + 2);
            assertThat(DeploymentFixture.events(VMS.vm(0))).noneMatch(e -> e.script().contains("restore"));
            assertThat(VMS.vm(0).exists("/var/vcap/store/bbr-backup")).isFalse();
            assertThat(VMS.vm(0).readString("/var/vcap/store/redis-server/dump.rdb")).isEqualTo("precious data");
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    @Test
    void anEmptyDeployment_hasNoBackupScripts_andNoArtifactIsCreated() {
        try (DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET))
                .deployment(Deployment.named("empty").release("nothing"))
                .start()) {

            BbrRun backup = bbr(director, workDir, "empty", "backup");

            assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
            assertThat(backup.stderr()).contains("Deployment 'empty' has no backup scripts");
            assertThat(workDir.toFile().list((dir, name) -> name.startsWith("empty_"))).isEmpty();
        }
    }
}
