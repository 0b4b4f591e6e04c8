package bbr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.jobs.RecordingJob;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C typed on a real pseudo-terminal at each stage where bbr asks: a backup script, the artifact copy, a
 * restore script, a backup-cleanup. A "yes" stops what has not started, lets unlocks and cleanup run, and exits 1.
 */
class CtrlCIT {

    private static final String QUESTION = "Are you sure you want to cancel? [yes/no]";

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    private Vm vm;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        vm.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/jobs /var/vcap/store/db").orThrow();
        vm.writeFile("/var/vcap/store/db/data", "precious", 0644);
        for (String script : List.of("pre-backup-lock", "post-backup-unlock")) {
            vm.writeJobScript("db", script, JobScripts.recording("db", script, ""));
        }
        vm.writeJobScript("db", "backup", JobScripts.recording("db", "backup",
                "sleep 3\ncp -a /var/vcap/store/db/. \"$BBR_ARTIFACT_DIRECTORY\""));
    }

    @Test
    void answeringNo_continuesToAGoodArtifact() throws Exception {
        BbrRun run;
        try (BbrProcess bbr = BbrProcess.startOnTerminal(workDir, Map.of(), Fixtures.directorArgs(vm, "backup"))) {
            bbr.awaitLine(line -> line.contains("Backing up db on bosh/0"), Duration.ofMinutes(1));
            bbr.type("\u0003");
            bbr.awaitLine(line -> line.contains(QUESTION), Duration.ofSeconds(30));
            bbr.type("no\r");
            run = bbr.await(Duration.ofMinutes(2));
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path artifact = Artifacts.onlyArtifact(workDir);
        assertThat(Files.readString(artifact.resolve("metadata"))).contains("./data: ").doesNotContain("incomplete");
        assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=true"));
    }

    @Test
    void answeringYes_unlocksCleansUpAndExits1() throws Exception {
        BbrRun run;
        try (BbrProcess bbr = BbrProcess.startOnTerminal(workDir, Map.of(), Fixtures.directorArgs(vm, "backup"))) {
            bbr.awaitLine(line -> line.contains("Backing up db on bosh/0"), Duration.ofMinutes(1));
            run = answerYes(bbr);
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Cancelling:");
        assertThat(run.stdout() + run.stderr()).contains("Cancelled by the operator");
        assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        assertThat(Files.readString(Artifacts.onlyArtifact(workDir).resolve("metadata"))).contains("incomplete: true");
    }

    @Test
    void answeringYes_duringTheArtifactCopy_stopsIt_removesThePartialTar_andExits1() throws Exception {
        vm.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        // random, and big enough that the copy is still running when "yes" arrives a second or so later
        vm.exec("head -c 1G /dev/urandom > /var/vcap/store/db/big").orThrow();
        BbrRun run;
        try (BbrProcess bbr = BbrProcess.startOnTerminal(workDir, Map.of(), Fixtures.directorArgs(vm, "backup"))) {
            bbr.awaitLine(line -> line.contains("Copying backup -- "), Duration.ofMinutes(2));
            run = answerYes(bbr);
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Cancelling:")
                .contains("Cancelled by the operator while copying the backup of db on bosh/0; the partial copy was"
                        + " removed")
                .doesNotContain("It is recommended");
        assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=true"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        Path artifact = Artifacts.onlyArtifact(workDir);
        assertThat(artifact.resolve("bosh-0-db.tar")).doesNotExist();
        assertThat(Files.readString(artifact.resolve("metadata"))).contains("incomplete: true");
    }

    @Test
    void answeringYes_duringTheRestoreUpload_stopsIt_runsNoScript_removesWhatArrived_andExits1() throws Exception {
        vm.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        // random, and big enough that the upload is still running when "yes" arrives a second or so later
        vm.exec("head -c 512M /dev/urandom > /var/vcap/store/db/big").orThrow();
        BbrRun backup = BbrProcess.run(workDir, Fixtures.directorArgs(vm, "backup"));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = Artifacts.onlyArtifact(workDir);
        for (String script : List.of("pre-restore-lock", "restore", "post-restore-unlock")) {
            vm.writeJobScript("db", script, JobScripts.recording("db", script, ""));
        }
        vm.exec("rm -f " + JobScripts.EVENTS).orThrow();

        BbrRun run = restoreAndAnswerYesAt(artifact, "Copying backup -- ");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Cancelling:")
                .contains("Cancelled by the operator while sending the backup for db on bosh/0; the partial copy was"
                        + " removed")
                .doesNotContain("Finished copying backup").doesNotContain("Completed restore");
        assertThat(Fixtures.events(vm)).as("no script runs after a cancelled upload").isEmpty();
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).as("the part that arrived is removed").isFalse();
        assertThat(artifact.resolve("bosh-0-db.tar")).as("the local artifact is left as it was").isRegularFile();
    }

    @Test
    void answeringYes_duringARestoreScript_startsNoOtherOne_unlocksEveryJob_andExits1() throws Exception {
        for (String job : List.of("db", "cache")) {
            RecordingJob.install(vm, job, "");
            vm.writeFile("/var/vcap/store/" + job + "/data", job + " data", 0644);
        }
        BbrRun backup = BbrProcess.run(workDir, Fixtures.directorArgs(vm, "backup"));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = Artifacts.onlyArtifact(workDir);
        for (String job : List.of("db", "cache")) {
            vm.writeJobScript(job, "restore", JobScripts.recording(job, "restore", "sleep 3"));
        }
        vm.exec("rm -f " + JobScripts.EVENTS).orThrow();

        BbrRun run = restoreAndAnswerYesAt(artifact, "Restoring ");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Cancelling:").containsPattern("Cancelled by the operator before restore"
                + " of (db|cache) on bosh/0").doesNotContain("Completed restore");
        List<String> events = Fixtures.events(vm);
        assertThat(events).as("the running restore finished, the other never started")
                .filteredOn(e -> e.startsWith("restore ")).hasSize(1);
        assertThat(events).filteredOn(e -> e.startsWith("post-restore-unlock ")).hasSize(2);
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void answeringYes_duringBackupCleanup_stillUnlocksAndCleans_andExits1() throws Exception {
        vm.writeJobScript("db", "post-backup-unlock", JobScripts.recording("db", "post-backup-unlock", "sleep 3"));
        vm.writeFile("/var/vcap/store/bbr-backup/db/left-behind", "from an interrupted run", 0644);

        BbrRun run;
        try (BbrProcess bbr = BbrProcess.startOnTerminal(workDir, Map.of(),
                Fixtures.directorArgs(vm, "backup-cleanup"))) {
            bbr.awaitLine(line -> line.contains("Unlocking db on bosh/0"), Duration.ofMinutes(1));
            run = answerYes(bbr);
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Cancelling:").contains("'" + vm.host() + "' cleaned up")
                .contains("Cancelled by the operator when every step of the backup-cleanup had already started");
        assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    /** Restores {@code artifact} on a terminal and cancels it once a line with {@code stage} appears. */
    private BbrRun restoreAndAnswerYesAt(Path artifact, String stage) throws Exception {
        try (BbrProcess bbr = BbrProcess.startOnTerminal(workDir, Map.of(),
                Fixtures.directorArgs(vm, "restore", "--artifact-path", artifact.toString()))) {
            bbr.awaitLine(line -> line.contains(stage), Duration.ofMinutes(2));
            return answerYes(bbr, "Stopping a restore can leave the system in bad state.");
        }
    }

    private static BbrRun answerYes(BbrProcess bbr) throws InterruptedException {
        return answerYes(bbr, "Stopping a backup can leave the system in bad state.");
    }

    /** Presses Ctrl-C, waits for the question (whose wording names the operation), answers "yes", awaits the exit. */
    private static BbrRun answerYes(BbrProcess bbr, String question) throws InterruptedException {
        bbr.type("\u0003");
        bbr.awaitLine(line -> line.contains(question) && line.contains(QUESTION), Duration.ofSeconds(30));
        bbr.type("yes\r");
        return bbr.await(Duration.ofMinutes(2));
    }
}
