package bbr.director_mode;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.DemoJobs;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json}: a whole run's stdout read back by python3's json module, a reader we did not write; each line one
 * object of the schema in docs/json-output.md, and nothing else on stdout.
 */
class JsonOutputIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    /** Reads stdin line by line with json.loads; prints each object's type, and the fields the test looks at. */
    private static final String READER = String.join("\n",
            "import json, sys",
            "for number, line in enumerate(sys.stdin, 1):",
            "    event = json.loads(line)",
            "    assert isinstance(event, dict), 'line %d is not an object' % number",
            "    assert event['time'].endswith('Z'), event",
            "    extra = event.get('exit_code', event.get('step', ''))",
            "    print(event['type'], extra, event.get('job', ''), event.get('remedy', '') != '')");

    @TempDir
    Path workDir;

    @BeforeEach
    void cleanVm() {
        DirectorFixture.wipe(VMS.vm(0));
    }

    @Test
    void backup_withJson_printsOnlyJsonObjects_fromRunStartToRunFinish() throws Exception {
        Vm vm = VMS.vm(0);
        DemoJobs.install(vm);

        BbrRun run = DirectorFixture.bbr(vm, workDir, "backup", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String types = readWithPython(run.stdout());
        assertThat(types).startsWith("run.start").endsWith("run.finish 0  False\n")
                .contains("step.start pre-backup-lock", "job.start backup database", "job.finish backup database",
                        "step.finish post-backup-unlock", "copy.start", "copy.finish", "log ");
        assertThat(run.stdout()).doesNotContain("[bbr]");
    }

    @Test
    void failingBackup_withJson_reportsEachErrorWithItsExitCodeAndRemedy() throws Exception {
        Vm vm = VMS.vm(0);
        vm.exec("mkdir -p /var/vcap/store/redis && echo data > /var/vcap/store/redis/dump.rdb").orThrow();
        vm.writeJobScript("redis", "backup", JobScripts.copyDataToArtifact("redis", "/var/vcap/store/redis"));
        vm.writeJobScript("redis", "post-backup-unlock", JobScripts.failing("redis", "post-backup-unlock",
                "cannot unlock", 3));

        BbrRun run = DirectorFixture.bbr(vm, workDir, "backup", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(8);
        String types = readWithPython(run.stdout());
        assertThat(types).contains("job.fail post-backup-unlock redis", "error 8  True").endsWith("run.finish 8  False\n");
        assertThat(run.stderr()).contains("1 error occurred:", "cannot unlock");
    }

    private String readWithPython(String stdout) throws Exception {
        Path input = Files.writeString(workDir.resolve("stdout.jsonl"), stdout, StandardCharsets.UTF_8);
        Process python = new ProcessBuilder("python3", "-c", READER).redirectInput(input.toFile())
                .redirectErrorStream(true).start();
        String text = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("python3's json module rejected the output:\n" + text + "\n" + stdout)
                .isZero();
        return text;
    }
}
