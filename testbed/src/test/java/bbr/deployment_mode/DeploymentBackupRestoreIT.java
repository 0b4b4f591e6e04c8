package bbr.deployment_mode;

import static bbr.deployment_mode.DeploymentFixture.bbr;
import static bbr.deployment_mode.DeploymentFixture.events;
import static bbr.deployment_mode.DeploymentFixture.installJob;
import static bbr.testbed.cli.Artifacts.onlyArtifact;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupMetadata;
import bbr.artifact.MetadataReader;
import bbr.artifact.MetadataWriter;
import bbr.testbed.OriginalFixtures;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.director.Job;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A deployment of several groups backs up to the original's artifact and restores byte for byte. */
class DeploymentBackupRestoreIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(6);

    @TempDir
    Path workDir;

    @BeforeEach
    void wipe() {
        VMS.farm().vms().forEach(DeploymentFixture::wipe);
    }

    @Test
    void sixVmsInFourGroups_backUpAndRestore_withReleaseMatchedLockOrderAndBackupOneRestoreAll() throws Exception {
        List<Vm> vm = VMS.farm().vms();
        // api/0 (capi from cf) locks before every mysql from db-release; the constraint naming another release
        // must be ignored; redis backs up once (bootstrap) and restores to all; "disabled" opts out.
        installJob(vm.get(0), "capi", """
                backup_should_be_locked_before:
                - job_name: mysql
                  release: db-release
                - job_name: redis-server
                  release: not-this-release""");
        vm.get(0).writeJobScript("disabled", "metadata", JobScripts.metadata("disabled", "skip_bbr_scripts: true"));
        vm.get(0).writeJobScript("disabled", "backup", JobScripts.failing("disabled", "backup", "must not run", 1));
        for (Vm database : List.of(vm.get(1), vm.get(2))) {
            installJob(database, "mysql", "");
            database.writeFile("/var/vcap/store/mysql/dump.sql", "rows of " + database.name(), 0600);
        }
        for (Vm redis : List.of(vm.get(3), vm.get(4))) {
            installJob(redis, "redis-server", "");
            redis.writeFile("/var/vcap/store/redis-server/dump.rdb", "redis data of " + redis.name(), 0644);
        }
        vm.get(0).writeFile("/var/vcap/store/capi/blobs/a b/c", "capi blob", 0644);

        try (DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET))
                .deployment(Deployment.named("cf").release("cf").release("db-release").release("redis-test")
                        .instanceGroup("api", g -> g.job("capi", "cf").job("disabled", "cf").instance(vm.get(0), true))
                        .instanceGroup("database", g -> g.job("mysql", "db-release")
                                .instance(vm.get(1), true).instance(vm.get(2), false))
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test", Job.backupOneRestoreAll())
                                .instance(vm.get(3), true).instance(vm.get(4), false))
                        .instanceGroup("windows-cells", g -> g.job("rep", "cf").windowsInstance(vm.get(5), true)))
                .start()) {

            BbrRun backup = bbr(director, workDir, "cf", "backup");

            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            assertThat(backup.stdout()).contains("WARN - skipping Windows instance windows-cells/");
            Path artifact = onlyArtifact(workDir);
            assertThat(artifact.getFileName().toString()).matches("cf_\\d{8}T\\d{6}Z");
            try (Stream<Path> files = Files.list(artifact)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metadata",
                        "api-0-capi.tar", "database-0-mysql.tar", "database-1-mysql.tar", "redis-1-redis-server.tar",
                        "redis-server-redis-test-backup-one-restore-all.tar");
            }
            BackupMetadata metadata = MetadataReader.read(Files.readString(artifact.resolve("metadata")));
            assertThat(metadata.find(ArtifactName.custom("redis-server-redis-test-backup-one-restore-all"))
                    .orElseThrow().checksums().toMap()).containsOnlyKeys("./dump.rdb");
            assertThat(metadata.find(ArtifactName.ofInstance("api", "0", "capi")).orElseThrow().checksums()
                    .toMap()).containsOnlyKeys("./blobs/a b/c");

            long capiLocked = only(events(vm.get(0)), "pre-backup-lock", "capi").nanos();
            for (Vm database : List.of(vm.get(1), vm.get(2))) {
                assertThat(only(events(database), "pre-backup-lock", "mysql").nanos()).isGreaterThan(capiLocked);
                assertThat(only(events(database), "post-backup-unlock", "mysql").nanos())
                        .isLessThan(only(events(vm.get(0)), "post-backup-unlock", "capi").nanos());
            }
            assertThat(backup.stdout()).contains("Detected order: capi should be locked before db-release/mysql"
                    + " during backup");
            assertThat(events(vm.get(0))).noneMatch(e -> e.job().equals("disabled") && e.script().equals("backup"));
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);

            for (int i = 0; i <= 4; i++) {
                vm.get(i).exec("rm -rf /var/vcap/store/mysql/* /var/vcap/store/redis-server/* /var/vcap/store/capi/*"
                        + " && rm -f " + JobScripts.EVENTS).orThrow();
            }
            BbrRun restore = bbr(director, workDir, "cf", "restore", "--artifact-path", artifact.toString());

            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(vm.get(1).readString("/var/vcap/store/mysql/dump.sql")).isEqualTo("rows of vm-1");
            assertThat(vm.get(2).readString("/var/vcap/store/mysql/dump.sql")).isEqualTo("rows of vm-2");
            assertThat(vm.get(0).readString("/var/vcap/store/capi/blobs/a b/c")).isEqualTo("capi blob");
            for (Vm redis : List.of(vm.get(3), vm.get(4))) {
                assertThat(redis.readString("/var/vcap/store/redis-server/dump.rdb")).as("restored to all")
                        .isEqualTo("redis data of vm-3");
                assertThat(events(redis)).filteredOn(e -> e.script().equals("restore")).singleElement()
                        .extracting(DeploymentFixture.Event::line).asString().contains(
                                "BBR_ARTIFACT_DIRECTORY=/var/vcap/store/bbr-backup/"
                                        + "redis-server-redis-test-backup-one-restore-all/");
            }
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
            VMS.farm().vms().forEach(v -> assertThat(v.exists("/var/vcap/store/bbr-backup")).isFalse());
        }
    }

    @Test
    void restoresTheOriginalBbrsRedisArtifact_ontoADeploymentOfThatShape() throws Exception {
        Path fixture = OriginalFixtures.artifact("gobbr-redis-3-instances");
        List<Vm> vm = VMS.farm().vms();
        for (int i = 0; i < 3; i++) {
            installJob(vm.get(i), "redis-server", "");
        }
        try (DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET))
                .deployment(Deployment.named("redis-dev-2").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test")
                                .instance(vm.get(0), true).instance(vm.get(1), false))
                        .instanceGroup("other-redis", g -> g.job("redis-server", "redis-test")
                                .instance(vm.get(2), true)))
                .start()) {

            BbrRun restore = bbr(director, workDir, "redis-dev-2", "restore", "--artifact-path", fixture.toString());

            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(sha256(vm.get(0), "/var/vcap/store/redis-server/redis-server/dump.rdb"))
                    .isEqualTo("ba3589985f5f4869fe62d155faee8e59c328b42875cb7e3fbb18c7b8152a92d2");
            assertThat(sha256(vm.get(1), "/var/vcap/store/redis-server/redis-server/dump.rdb"))
                    .isEqualTo("66f7f1c19210f601eb7e087f510cbf6c045ca70654dc4c323902204dc4c38108");
            assertThat(sha256(vm.get(2), "/var/vcap/store/redis-server/redis-server/dump.rdb"))
                    .isEqualTo("3f1baf2147d8e9bc91fdbf21f7d384601d0c20130064a1f02d5d096ccf94a3fe");
            assertThat(director.usersLeftOnVms().values()).allMatch(List::isEmpty);
        }
    }

    private static DeploymentFixture.Event only(List<DeploymentFixture.Event> events, String script, String job) {
        List<DeploymentFixture.Event> matching = events.stream()
                .filter(e -> e.script().equals(script) && e.job().equals(job)).toList();
        assertThat(matching).as(script + " " + job).hasSize(1);
        return matching.get(0);
    }

    private static String sha256(Vm vm, String path) {
        return vm.exec("sha256sum " + path).orThrow().stdout().split(" ")[0];
    }
}
