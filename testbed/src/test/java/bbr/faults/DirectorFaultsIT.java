package bbr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Faults made to happen for real on a director VM: what bbr says, its exit code, and what it leaves behind. */
class DirectorFaultsIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    private Vm vm;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        if (!vm.isSshdRunning()) {
            vm.startSshd();
        }
        vm.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/jobs /var/vcap/store").orThrow();
        for (String script : List.of("pre-backup-lock", "post-backup-unlock", "restore")) {
            vm.writeJobScript("db", script, JobScripts.recording("db", script, ""));
        }
        vm.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        vm.createDirectories("/var/vcap/store/db");
    }

    private String[] args(String... subcommand) {
        return Fixtures.directorArgs(vm, subcommand);
    }

    @Test
    void twoRunsAtOnce_theSecondIsRefused_andTheFirstFinishesUnharmed() throws Exception {
        // the first run holds its lock until the test has seen the second one refused
        vm.writeJobScript("db", "pre-backup-lock", JobScripts.recording("db", "pre-backup-lock",
                "while [ ! -f /var/vcap/store/go ]; do sleep 0.2; done"));
        vm.writeFile("/var/vcap/store/db/data", "precious", 0644);
        Path first = Files.createDirectories(workDir.resolve("first"));
        Path second = Files.createDirectories(workDir.resolve("second"));
        try (BbrProcess running = BbrProcess.start(first, Map.of(), args("backup"))) {
            running.awaitLine(line -> line.contains("Locking db on bosh/0"), Duration.ofMinutes(1));

            BbrRun refused = BbrProcess.run(second, args("backup"));

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr()).contains("Directory /var/vcap/store/bbr-backup already exists on instance"
                    + " bosh/0").contains("another bbr is running");
            vm.writeFile("/var/vcap/store/go", "", 0644);
            BbrRun firstRun = running.await(Duration.ofMinutes(2));
            assertThat(firstRun.exitCode()).as(firstRun.toString()).isZero();
        }
        Path artifact = Artifacts.onlyArtifact(first);
        assertThat(Files.readString(artifact.resolve("metadata"))).contains("./data: ").doesNotContain("incomplete");
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void diskFullDuringTheCopy_saysSo_removesThePartialTar_marksTheArtifact_andCleansTheVm() throws Exception {
        vm.exec("head -c 24M /dev/urandom > /var/vcap/store/db/big").orThrow();
        Path small = Files.createDirectories(workDir.resolve("tmpfs"));
        Fixtures.sh("mount -t tmpfs -o size=8m bbr-test-tmpfs " + small);
        try {
            BbrRun run = BbrProcess.run(workDir, args("backup", "--artifact-path", small.toString()));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("No space left on device").contains("db on bosh/0");
            Path artifact = Artifacts.onlyArtifact(small);
            assertThat(artifact.resolve("bosh-0-db.tar")).doesNotExist();
            assertThat(Files.readString(artifact.resolve("metadata"))).contains("incomplete: true");
            assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
            assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db"));

            BbrRun restore = BbrProcess.run(workDir, args("restore", "--artifact-path", artifact.toString()));
            assertThat(restore.exitCode()).isEqualTo(1);
            assertThat(restore.stderr()).contains("Backup is incomplete");
        } finally {
            Fixtures.sh("umount " + small);
        }
    }

    @Test
    void bbrKilledDuringTheBackup_leavesAnArtifactThatSaysItIsIncomplete_whichRestoreRefuses() throws Exception {
        vm.writeJobScript("db", "backup", JobScripts.recording("db", "backup", "sleep 30"));
        try (BbrProcess bbr = BbrProcess.start(workDir, Map.of(), args("backup"))) {
            bbr.awaitLine(line -> line.contains("Backing up db on bosh/0"), Duration.ofMinutes(1));
            bbr.kill();
        }
        Path artifact = Artifacts.onlyArtifact(workDir);
        assertThat(Files.readString(artifact.resolve("metadata"))).contains("incomplete: true");

        BbrRun restore = BbrProcess.run(workDir, args("restore", "--artifact-path", artifact.toString()));
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("Backup is incomplete");
        assertThat(BbrProcess.run(workDir, args("backup-cleanup")).exitCode()).isZero();
    }

    @Test
    void sshdKilledWhileABackupScriptRuns_failsNamingTheVm_andBackupCleanupRecoversLater() throws Exception {
        vm.writeJobScript("db", "backup", JobScripts.recording("db", "backup", "sleep 5"));
        BbrRun run;
        try (BbrProcess bbr = BbrProcess.start(workDir, Map.of(), args("backup"))) {
            bbr.awaitLine(line -> line.contains("Backing up db on bosh/0"), Duration.ofMinutes(1));
            vm.stopSshd();
            vm.killSshSessions();
            run = bbr.await(Duration.ofMinutes(3));
        }

        assertThat(run.exitCode() & 1).as(run.toString()).isEqualTo(1);
        assertThat(run.exitCode() & 8).as("the unlock could not reach the VM").isEqualTo(8);
        assertThat(run.stderr()).contains("Error attempting to run backup for job db on bosh/0")
                .contains(vm.host()).contains("It is recommended that you run `bbr backup-cleanup`")
                .doesNotContain("\tat ");

        vm.startSshd();
        BbrRun cleanup = BbrProcess.run(workDir, args("backup-cleanup"));
        assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void aScriptThatNeverExits_isStoppedByScriptTimeout_thenBbrUnlocksAndCleansUp() throws Exception {
        vm.writeJobScript("db", "backup", JobScripts.recording("db", "backup", "sleep 600"));
        List<String> args = new java.util.ArrayList<>(List.of(args("backup")));
        args.add(1, "--script-timeout");
        args.add(2, "3s");

        BbrRun run = BbrProcess.run(workDir, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr()).contains("Error attempting to run backup for job db on bosh/0")
                .contains("stopped after the --script-timeout of 3s");
        assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        assertThat(vm.exec("pgrep -x sleep").exitCode()).as("nothing left running on the VM").isNotZero();
    }

    @Test
    void aScriptWritingAGibibyteToStdout_keepsBbrsMemoryBounded() throws Exception {
        vm.writeJobScript("db", "backup", JobScripts.recording("db", "backup", "head -c 1G /dev/zero"));
        BbrRun run = BbrProcess.run(workDir, BbrProcess.withJvmOption("-Xmx64m", args("backup")));

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    static List<Path> list(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }
}
