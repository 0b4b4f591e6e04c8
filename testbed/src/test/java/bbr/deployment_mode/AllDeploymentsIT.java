package bbr.deployment_mode;

import static bbr.deployment_mode.DeploymentFixture.bbrForAll;
import static bbr.deployment_mode.DeploymentFixture.events;
import static bbr.deployment_mode.DeploymentFixture.installJob;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrRun;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --all-deployments}: every deployment of the Director, each on its own, one failing alone. */
class AllDeploymentsIT {

    private static final List<String> NAMES = List.of("alpha", "bravo", "charlie");
    private static final String TIME = "\\[\\d\\d:\\d\\d:\\d\\d\\] ";
    private static final String STAMP = "\\d{8}T\\d{6}Z";

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(3);

    @TempDir
    Path workDir;

    @BeforeEach
    void setUp() {
        for (int i = 0; i < NAMES.size(); i++) {
            Vm vm = VMS.vm(i);
            DeploymentFixture.wipe(vm);
            installJob(vm, "store", "");
            vm.writeFile("/var/vcap/store/store/data", "data of " + NAMES.get(i), 0644);
        }
    }

    /** alpha, bravo and charlie, one VM each, with a job "store" of release "kv". */
    private DirectorSimulator director() {
        var builder = DirectorSimulator.builder().auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET));
        for (int i = 0; i < NAMES.size(); i++) {
            Vm vm = VMS.vm(i);
            builder.deployment(Deployment.named(NAMES.get(i)).release("kv")
                    .instanceGroup("store", g -> g.job("store", "kv").instance(vm, true)));
        }
        return builder.start();
    }

    @Test
    void backup_backsUpTheOthers_whenOneCannotLock_logsEachToItsOwnFile_andExits1_thenCleanupLeavesEveryVmClean()
            throws Exception {
        VMS.vm(1).writeJobScript("store", "pre-backup-lock",
                JobScripts.failing("store", "pre-backup-lock", "bravo is busy", 1));
        Path artifacts = Files.createDirectory(workDir.resolve("artifacts"));
        try (DirectorSimulator director = director()) {

            BbrRun backup = bbrForAll(director, workDir, "backup", "--artifact-path", "artifacts");

            assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
            List<String> out = backup.stdout().lines().toList();
            assertThat(out.get(0)).isEqualTo("Starting backup...");
            assertThat(out.get(1)).matches(TIME + "Pending: alpha, bravo, charlie");
            assertThat(out.get(2)).matches(TIME + "-------------------------");
            for (String name : NAMES) {
                assertThat(out).anyMatch(line -> line.matches(TIME + "Starting backup of " + name
                        + ", log file: artifacts/" + name + "_" + STAMP + "\\.log"));
            }
            assertThat(out).anyMatch(line -> line.matches(TIME + "Finished backup of alpha"))
                    .anyMatch(line -> line.matches(TIME + "Finished backup of charlie"))
                    .noneMatch(line -> line.contains("Finished backup of bravo"));
            String failure = backup.stdout().substring(backup.stdout().indexOf("ERROR: failed to backup bravo"));
            assertThat(failure.lines().skip(1).findFirst().orElseThrow()).matches("\\[bbr\\] .* INFO - Looking for scripts");
            assertThat(failure).contains("ERROR - Error locking store on store/")
                    .contains("INFO - Finished running post-backup-unlock scripts.");
            assertThat(out.subList(out.size() - 3, out.size())).satisfiesExactly(
                    line -> assertThat(line).matches(TIME + "-------------------------"),
                    line -> assertThat(line).matches(TIME + "Successfully backed up: alpha, charlie"),
                    line -> assertThat(line).matches(TIME + "FAILED: bravo"));
            assertThat(backup.stderr()).startsWith("""
                    1 out of 3 deployments cannot be backed up:
                      bravo

                    Deployment 'bravo':
                      1 error occurred:
                      error 1:
                      Error attempting to run pre-backup-lock for job store on store/""")
                    .contains(": bravo is busy - exit code 1").doesNotContain("It is recommended");

            for (String name : List.of("alpha", "charlie")) {
                Path log = only(artifacts, name + "_" + STAMP + "\\.log");
                Path artifact = only(artifacts, name + "_" + STAMP);
                assertThat(log.getFileName().toString()).isEqualTo(artifact.getFileName() + ".log");
                assertThat(Files.readString(log)).contains("INFO - Running pre-checks for backup of " + name + "...")
                        .contains("INFO - Finished validity checks -- for job store on store/")
                        .contains("INFO - Copying backup for job store on store/")
                        .contains("INFO - Backup created of " + name + " on ");
                assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
                assertThat(Files.list(artifact).map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("metadata", "store-0-store.tar");
            }
            Path bravoLog = only(artifacts, "bravo_" + STAMP + "\\.log");
            assertThat(Files.readString(bravoLog)).contains("ERROR - Error locking store on store/")
                    .doesNotContain("Backing up store");
            // Like the original, the failed deployment's artifact directory stays, holding no backup.
            assertThat(names(only(artifacts, "bravo_" + STAMP))).noneMatch(name -> name.endsWith(".tar"));
            assertThat(events(VMS.vm(1))).filteredOn(e -> e.script().equals("post-backup-unlock")).singleElement()
                    .extracting(DeploymentFixture.Event::line).asString()
                    .endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false");
            assertClean(director);

            // An interrupted backup leaves a remote artifact directory and locked jobs on every VM.
            for (Vm vm : VMS.farm().vms()) {
                vm.writeFile("/var/vcap/store/bbr-backup/store/half-written", "partial", 0600);
                vm.exec("rm -f " + JobScripts.EVENTS).orThrow();
            }

            BbrRun cleanup = bbrForAll(director, workDir, "backup-cleanup");

            assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
            assertThat(cleanup.stdout()).startsWith("Starting cleanup...\n");
            for (String name : NAMES) {
                assertThat(cleanup.stdout()).containsPattern(TIME + "Starting cleanup of " + name + ", log file: "
                        + name + "_" + STAMP + "\\.log\n").containsPattern(TIME + "Finished cleanup of " + name + "\n");
                Path log = only(workDir, name + "_" + STAMP + "\\.log");
                assertThat(Files.readString(log)).contains("INFO - '" + name + "' cleaned up");
            }
            assertThat(cleanup.stdout()).containsPattern(TIME + "Successfully cleaned up: alpha, bravo, charlie\n");
            assertThat(cleanup.stderr()).isEmpty();
            for (Vm vm : VMS.farm().vms()) {
                assertThat(events(vm)).as(vm.name()).filteredOn(e -> e.script().equals("post-backup-unlock"))
                        .singleElement().extracting(DeploymentFixture.Event::line).asString()
                        .endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false");
            }
            assertClean(director);
        }
    }

    @Test
    void preBackupCheck_givesEveryDeploymentsVerdict_writesNoLog_andAdvisesCleanupOfALeftover() throws Exception {
        VMS.vm(2).createDirectories("/var/vcap/store/bbr-backup");
        try (DirectorSimulator director = director()) {

            BbrRun check = bbrForAll(director, workDir, "pre-backup-check");

            assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
            assertThat(check.stdout()).containsPattern(TIME + "Deployment 'alpha' can be backed up.\n")
                    .containsPattern(TIME + "Deployment 'bravo' can be backed up.\n")
                    .containsPattern(TIME + "Deployment 'charlie' cannot be backed up.\n  1 error occurred:\n"
                            + "  error 1:\n  Directory /var/vcap/store/bbr-backup already exists on instance store/")
                    .containsPattern(TIME + "Successfully can be backed up: alpha, bravo\n")
                    .containsPattern(TIME + "FAILED: charlie\n");
            assertThat(check.stderr()).startsWith("1 out of 3 deployments cannot be backed up:\n  charlie\n")
                    .endsWith("\nIt is recommended that you run `bbr deployment --all-deployments backup-cleanup` to"
                            + " ensure that any temp files are cleaned up and all jobs are unlocked.\n");
            assertThat(names(workDir)).noneMatch(name -> name.endsWith(".log") && !name.startsWith("bbr-"));
            assertThat(director.usersLeftOnVms()).isEmpty();
        }
    }

    @Test
    void restoreAndRestoreCleanupAndLockFreeBackup_areRefused_beforeTheDirectorIsAsked() {
        try (DirectorSimulator director = director()) {
            BbrRun restore = bbrForAll(director, workDir, "restore", "--artifact-path", "x");
            BbrRun restoreCleanup = bbrForAll(director, workDir, "restore-cleanup");
            BbrRun lockFree = bbrForAll(director, workDir, "backup", "--unsafe-lock-free");

            assertThat(restore.exitCode()).isEqualTo(1);
            assertThat(restore.stderr()).contains("--all-deployments flag is only supported for pre-backup-check,"
                    + " backup and backup-cleanup, not restore");
            assertThat(restoreCleanup.exitCode()).isEqualTo(1);
            assertThat(restoreCleanup.stderr()).contains("not restore-cleanup");
            assertThat(lockFree.exitCode()).isEqualTo(1);
            assertThat(lockFree.stderr()).isEqualTo("1 error occurred:\nerror 1:\nCannot use the --unsafe-lock-free flag"
                    + " in conjunction with the --all-deployments flag\n\n");
            assertThat(director.requests().all()).isEmpty();
        }
    }

    @Test
    void aDirectorWithoutDeployments_failsToFindAny() {
        try (DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET)).start()) {
            BbrRun backup = bbrForAll(director, workDir, "backup");

            assertThat(backup.exitCode()).isEqualTo(1);
            assertThat(backup.stderr()).contains("Failed to find any deployments");
        }
    }

    private static void assertClean(DirectorSimulator director) {
        assertThat(director.usersLeftOnVms()).isEmpty();
        VMS.farm().vms().forEach(vm -> assertThat(vm.exists("/var/vcap/store/bbr-backup")).as(vm.name()).isFalse());
    }

    private static Path only(Path directory, String nameRegex) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> matching = entries.filter(p -> p.getFileName().toString().matches(nameRegex)).toList();
            assertThat(matching).as(nameRegex + " in " + names(directory)).hasSize(1);
            return matching.get(0);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
