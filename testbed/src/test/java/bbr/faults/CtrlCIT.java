package bbr.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C typed on a real pseudo-terminal while a backup script runs. */
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
        Path artifact = Fixtures.onlyArtifact(workDir);
        assertThat(Files.readString(artifact.resolve("metadata"))).contains("./data: ").doesNotContain("incomplete");
        assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=true"));
    }

    @Test
    void answeringYes_unlocksCleansUpAndExits1() throws Exception {
        BbrRun run;
        try (BbrProcess bbr = BbrProcess.startOnTerminal(workDir, Map.of(), Fixtures.directorArgs(vm, "backup"))) {
            bbr.awaitLine(line -> line.contains("Backing up db on bosh/0"), Duration.ofMinutes(1));
            bbr.type("\u0003");
            bbr.awaitLine(line -> line.contains(QUESTION), Duration.ofSeconds(30));
            bbr.type("yes\r");
            run = bbr.await(Duration.ofMinutes(2));
        }

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Cancelling:");
        assertThat(run.stdout() + run.stderr()).contains("Cancelled by the operator");
        assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db")
                && e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=false"));
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        assertThat(Files.readString(Fixtures.onlyArtifact(workDir).resolve("metadata"))).contains("incomplete: true");
    }
}
