package bbr.director_mode;

import static bbr.director_mode.DirectorFixture.events;
import static bbr.testbed.cli.Artifacts.onlyArtifact;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.jobs.RecordingJob;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A connection that drops in the middle of a copy fails the backup cleanly and leaves the VM clean. */
class DirectorConnectionDropIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    @Test
    void droppedConnectionMidCopy_failsTheBackup_withoutHanging_andStillCleansUp() throws Exception {
        Vm vm = VMS.vm(0);
        DirectorFixture.wipe(vm);
        vm.writeJobScript("big", "pre-backup-lock", JobScripts.recording("big", "pre-backup-lock", ""));
        vm.writeJobScript("big", "backup", JobScripts.copyDataToArtifact("big", "/var/vcap/store/big"));
        vm.writeJobScript("big", "post-backup-unlock", JobScripts.recording("big", "post-backup-unlock", ""));
        vm.createDirectories("/var/vcap/store/big");
        // random, so no layer can shortcut it as sparse or compressible
        vm.exec("head -c 768M /dev/urandom > /var/vcap/store/big/blob").orThrow();

        BbrRun run;
        try (BbrProcess bbr = BbrProcess.start(workDir, Map.of(), DirectorFixture.args(vm, "backup"))) {
            bbr.awaitLine(line -> line.contains("% complete"), Duration.ofMinutes(2));
            vm.killSshSessions();
            run = bbr.await(Duration.ofMinutes(2));
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("big on bosh/0").contains("Did the network just fail?")
                .contains("It is recommended that you run `bbr backup-cleanup`");
        assertThat(events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock big")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=true"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).as("cleanup reconnected and removed it").isFalse();
        Path artifact = onlyArtifact(workDir);
        assertThat(Files.readString(artifact.resolve("metadata"))).doesNotContain("name: big")
                .contains("finish_time");
    }

    @Test
    void droppedConnectionMidUpload_failsTheRestoreNamingTheJob_runsNoScript_andCleansTheVmOnReconnect()
            throws Exception {
        Vm vm = VMS.vm(0);
        DirectorFixture.wipe(vm);
        RecordingJob.install(vm, "big", "");
        vm.exec("head -c 768M /dev/urandom > /var/vcap/store/big/blob").orThrow();
        BbrRun backup = DirectorFixture.bbr(vm, workDir, "backup");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = onlyArtifact(workDir);
        vm.exec("rm -f /var/vcap/store/big/blob " + JobScripts.EVENTS).orThrow();

        BbrRun run;
        try (BbrProcess bbr = BbrProcess.start(workDir, Map.of(),
                DirectorFixture.args(vm, "restore", "--artifact-path", artifact.toString()))) {
            bbr.awaitLine(line -> line.contains("% complete"), Duration.ofMinutes(2));
            vm.killSshSessions();
            run = bbr.await(Duration.ofMinutes(2));
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("Unable to send backup to remote machine for job big on bosh/0.")
                .contains("Did the network just fail?").contains(vm.host());
        assertThat(run.stdout()).doesNotContain("Completed restore");
        assertThat(events(vm)).as("no lock or restore script ran").isEmpty();
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).as("cleanup reconnected and removed it").isFalse();
        assertThat(vm.exists("/var/vcap/store/big/blob")).as("the data was not touched").isFalse();
    }
}
