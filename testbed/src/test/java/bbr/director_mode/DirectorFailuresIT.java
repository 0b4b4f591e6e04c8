package bbr.director_mode;

import static bbr.director_mode.DirectorFixture.bbr;
import static bbr.director_mode.DirectorFixture.events;
import static bbr.director_mode.DirectorFixture.scriptOrder;
import static bbr.testbed.cli.Artifacts.onlyArtifact;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.ssh.SshSettings;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.jobs.RecordingJob;
import bbr.testbed.vm.SilentPort;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Director mode's failure routing: what runs after each kind of failure, the exit code and the message. */
class DirectorFailuresIT {

    private static final String ADVICE = "It is recommended that you run `bbr backup-cleanup` to ensure that any"
            + " temp files are cleaned up and all jobs are unlocked.";

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    private Vm vm;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        DirectorFixture.wipe(vm);
    }

    @Test
    void failingPreBackupLock_exits4_unlocksEveryJobWithFalse_andRemovesTheRemoteDirectory() {
        installJob("first", "");
        installJob("second", "");
        vm.writeJobScript("second", "pre-backup-lock", JobScripts.failing("second", "pre-backup-lock", "db busy", 1));

        BbrRun run = bbr(vm, workDir, "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        assertThat(run.stderr()).contains("Error attempting to run pre-backup-lock for job second on bosh/0: db busy"
                + " - exit code 1").doesNotContain(ADVICE);
        assertThat(scriptOrder(events(vm), "backup")).isEmpty();
        assertThat(events(vm)).filteredOn(e -> e.startsWith("post-backup-unlock")).hasSize(2)
                .allMatch(e -> e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        assertThat(run.stdout()).contains("ERROR - Error locking second on bosh/0.");
    }

    @Test
    void failingBackupScript_exits1_andUnlocksWithFalse() {
        installJob("first", "");
        vm.writeJobScript("first", "backup", JobScripts.failing("first", "backup", "disk full", 3));

        BbrRun run = bbr(vm, workDir, "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("Error attempting to run backup for job first on bosh/0: disk full"
                + " - exit code 3");
        assertThat(events(vm)).filteredOn(e -> e.startsWith("post-backup-unlock")).singleElement().asString()
                .endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false");
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void failingUnlock_exits8_butTheArtifactIsStillDrained() throws IOException {
        installJob("first", "");
        vm.writeFile("/var/vcap/store/first/data", "precious", 0644);
        vm.writeJobScript("first", "post-backup-unlock",
                JobScripts.failing("first", "post-backup-unlock", "cannot unlock", 2));

        BbrRun run = bbr(vm, workDir, "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        assertThat(run.stderr()).contains("Error attempting to run post-backup-unlock for job first on bosh/0:"
                + " cannot unlock - exit code 2").contains(ADVICE);
        Path artifact = onlyArtifact(workDir);
        assertThat(artifact.resolve("bosh-0-first.tar")).exists();
        assertThat(Files.readString(artifact.resolve("metadata"))).as("the artifact is whole: restore takes it")
                .contains("./data: ").doesNotContain("incomplete");
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void leftoverRemoteDirectory_isRefusedByCheckAndBackup_untilBackupCleanup() {
        installJob("first", "");
        vm.writeFile("/var/vcap/store/bbr-backup/first/stale", "from a crashed run", 0644);

        BbrRun check = bbr(vm, workDir, "pre-backup-check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.stdout()).contains("Director cannot be backed up.");
        assertThat(check.stderr()).contains("Directory /var/vcap/store/bbr-backup already exists on instance bosh/0")
                .contains(ADVICE);

        BbrRun backup = bbr(vm, workDir, "backup");
        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
        assertThat(backup.stderr()).contains("Directory /var/vcap/store/bbr-backup already exists on instance bosh/0");
        assertThat(vm.exists("/var/vcap/store/bbr-backup/first/stale")).as("never deletes what it did not create")
                .isTrue();
        assertThat(workDir.toFile().list((dir, name) -> name.startsWith("127."))).isEmpty();

        BbrRun cleanup = bbr(vm, workDir, "backup-cleanup");
        assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
        assertThat(cleanup.stdout()).contains("INFO - '" + vm.host() + "' cleaned up");
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        assertThat(events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock first")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false"));

        BbrRun recheck = bbr(vm, workDir, "pre-backup-check");
        assertThat(recheck.exitCode()).as(recheck.toString()).isZero();
        assertThat(recheck.stdout()).contains("Director can be backed up.");
    }

    @Test
    void restoreCleanup_unlocksAndRemovesTheRemoteDirectory() {
        installJob("first", "");
        vm.writeFile("/var/vcap/store/bbr-backup/first/partial", "x", 0644);

        BbrRun run = bbr(vm, workDir, "restore-cleanup");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(events(vm)).anyMatch(e -> e.startsWith("post-restore-unlock first"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void tamperedTar_isRefusedBeforeAnyScriptRuns() throws IOException {
        Path artifact = backupOneJob();
        Path tar = artifact.resolve("bosh-0-first.tar");
        byte[] bytes = Files.readAllBytes(tar);
        int data = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("precious data");
        bytes[data] ^= 1;
        Files.write(tar, bytes);
        vm.exec("rm -f " + JobScripts.EVENTS).orThrow();

        BbrRun run = bbr(vm, workDir, "restore", "--artifact-path", artifact.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("Backup is corrupted").contains("bosh-0-first.tar").contains("./data");
        assertThat(events(vm)).isEmpty();
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void missingTar_isRefusedBeforeAnyScriptRuns() throws IOException {
        Path artifact = backupOneJob();
        Files.delete(artifact.resolve("bosh-0-first.tar"));
        vm.exec("rm -f " + JobScripts.EVENTS).orThrow();

        BbrRun run = bbr(vm, workDir, "restore", "--artifact-path", artifact.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("bosh-0-first.tar is listed in the metadata but missing");
        assertThat(events(vm)).isEmpty();
    }

    @Test
    void cyclicLockOrder_failsThePreChecks() {
        installJob("a", "backup_should_be_locked_before:\n- job_name: b\n  release: x");
        installJob("b", "backup_should_be_locked_before:\n- job_name: a\n  release: x");

        BbrRun run = bbr(vm, workDir, "pre-backup-check");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("job locking dependency graph is cyclic");
        assertThat(scriptOrder(events(vm), "pre-backup-lock")).isEmpty();
    }

    @Test
    void malformedMetadata_namesTheJobAndInstance() {
        installJob("broken", "backup_should_be_locked_before: [unclosed");

        BbrRun run = bbr(vm, workDir, "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("Parsing metadata from job broken on bosh/0 failed: failed to unmarshal"
                + " job metadata:");
        assertThat(workDir.toFile().list((dir, name) -> name.startsWith("127."))).isEmpty();
    }

    @Test
    void noBackupScripts_isRefusedWithoutCreatingAnArtifact() {
        BbrRun run = bbr(vm, workDir, "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("Deployment '" + vm.host() + "' has no backup scripts");
        assertThat(workDir.toFile().list((dir, name) -> name.startsWith("127."))).isEmpty();
    }

    @Test
    void unreachableHost_failsFastNamingTheHost() {
        BbrRun run = BbrProcess.run(workDir, "director", "--host", "127.0.0.1:1", "--username", "vcap",
                "--private-key-path", vm.privateKeyPath().toString(), "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("127.0.0.1:1").doesNotContain("\tat ");
        assertThat(errLogs()).hasSize(1);
    }

    @Test
    void hostThatAcceptsTcpButNeverSpeaksSsh_failsAfterTheHandshakeTimeout_namingHostAndPort() {
        try (SilentPort silent = SilentPort.open()) {
            BbrRun run;
            try (BbrProcess bbr = BbrProcess.start(workDir, java.util.Map.of(), BbrProcess.withJvmOption(
                    "-D" + SshSettings.HANDSHAKE_TIMEOUT_PROPERTY + "=PT3S", "director", "--host",
                    silent.hostAndPort(), "--username", "vcap", "--private-key-path", vm.privateKeyPath().toString(),
                    "backup"))) {
                // far below the 60 s default: bbr must have honoured the property, not just ended eventually
                run = bbr.await(java.time.Duration.ofSeconds(40));
            }

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("ssh: cannot connect to " + silent.hostAndPort() + " as user vcap:"
                    + " the server did not identify itself as an SSH server within 3 s").doesNotContain("\tat ");
            assertThat(silent.connections()).as("bbr got past TCP").isPositive();
            assertThat(workDir.toFile().list((dir, name) -> name.startsWith("127."))).isEmpty();
        }
    }

    @Test
    void wrongKey_failsNamingUserAndHost() throws Exception {
        var other = bbr.testbed.vm.TestKeys.generate(workDir, bbr.testbed.vm.KeyType.RSA,
                bbr.testbed.vm.KeyFormat.OPENSSH);
        BbrRun run = BbrProcess.run(workDir, "director", "--host", vm.hostAndPort(), "--username", "vcap",
                "--private-key-path", other.privateKey().toString(), "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("vcap").contains(vm.host()).doesNotContain("\tat ");
    }

    @Test
    void missingRequiredFlags_printHelpAndTheOriginalsMessage() {
        BbrRun noHost = BbrProcess.run(workDir, "director", "--username", "vcap", "--private-key-path", "k", "backup");
        assertThat(noHost.exitCode()).isEqualTo(1);
        assertThat(noHost.stderr()).contains("--host flag is required.");
        assertThat(noHost.stdout()).contains("--private-key-path");

        BbrRun noUser = BbrProcess.run(workDir, "director", "--host", "h", "--private-key-path", "k", "backup");
        assertThat(noUser.stderr()).contains("--username flag is required.");

        BbrRun noKey = BbrProcess.run(workDir, "director", "--host", "h", "-u", "vcap", "backup");
        assertThat(noKey.stderr()).contains("--private-key-path flag is required.");

        BbrRun noArtifact = BbrProcess.run(workDir, "director", "--host", "h", "-u", "vcap", "--key", "k", "restore");
        assertThat(noArtifact.exitCode()).isEqualTo(1);
        assertThat(noArtifact.stderr()).contains("--artifact-path flag is required.");

        BbrRun unknown = BbrProcess.run(workDir, "director", "--host", "h", "--bogus", "backup");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stdout()).startsWith("Incorrect Usage. flag provided but not defined: -bogus\n");
    }

    @Test
    void missingKeyFile_namesTheFile() {
        BbrRun run = BbrProcess.run(workDir, "director", "--host", vm.hostAndPort(), "-u", "vcap",
                "--key", "/nonexistent/key", "backup");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("/nonexistent/key").doesNotContain("\tat ");
    }

    private Path backupOneJob() {
        installJob("first", "");
        vm.writeFile("/var/vcap/store/first/data", "precious data", 0644);
        BbrRun backup = bbr(vm, workDir, "backup");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        return onlyArtifact(workDir);
    }

    @Test
    void restoreOntoAVmWithoutRoomForTheArtifact_isRefusedBeforeAnythingIsSent_namingVmJobAndSizes()
            throws IOException {
        installJob("big", "");
        vm.exec("head -c 8388608 /dev/urandom > /var/vcap/store/big/blob").orThrow();
        BbrRun backup = bbr(vm, workDir, "backup");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        long tarSize = Files.size(onlyArtifact(workDir).resolve("bosh-0-big.tar"));
        // A store of 4 MiB, seen by every session of the VM (its own mount namespace), empty: where the 8 MiB go.
        vm.exec("mount -t tmpfs -o size=4m bbr-small-store /var/vcap/store").orThrow();
        try {
            BbrRun restore = bbr(vm, workDir, "restore", "--artifact-path", onlyArtifact(workDir).toString());

            assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
            assertThat(restore.stderr()).contains("Not enough space on bosh/0 to restore job big: its artifact needs"
                    + " 8.1M (" + tarSize + " bytes) and /var/vcap/store has 4.0M (4194304 bytes) free")
                    .doesNotContain("Wrote only");
            assertThat(restore.stdout()).doesNotContain("Copying backup");
            assertThat(vm.exec("ls -A /var/vcap/store").orThrow().stdout())
                    .as("nothing sent, no script ran (it would have written its event log there)").isEmpty();
        } finally {
            vm.exec("umount /var/vcap/store").orThrow();
        }
    }

    private void installJob(String job, String metadataYaml) {
        RecordingJob.install(vm, job, metadataYaml);
    }

    private List<Path> errLogs() {
        try (Stream<Path> entries = Files.list(workDir)) {
            return entries.filter(p -> p.getFileName().toString().matches("bbr-.*\\.err\\.log")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
