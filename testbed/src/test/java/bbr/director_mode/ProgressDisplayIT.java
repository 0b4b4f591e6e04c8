package bbr.director_mode;

import static bbr.director_mode.DirectorFixture.bbr;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrInTerminal;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.DemoJobs;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copy progress as the original prints it on a pipe (percent lines), and as a live block of status rows on a
 * terminal that never cuts a log line.
 */
class ProgressDisplayIT {

    private static final Pattern PERCENT = Pattern.compile(
            "INFO - Copying backup for job blobstore on bosh/0 -- (\\d+)% complete");
    private static final Pattern LOG_LINE = Pattern.compile(
            "\\[bbr] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d (DEBUG|INFO|WARN|ERROR) - .*");
    private static final Pattern STATUS_ROW = Pattern.compile(
            " {2}\\S.*? (\\[[= ]{20}] )?( ?\\d{1,3}%|--%) +\\S+ / \\S+ +\\S+/s +ETA \\S+");
    private static final Pattern ERASE_BLOCK = Pattern.compile("\r\u001b\\[(\\d+)A\u001b\\[J");

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    private Vm vm;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        DirectorFixture.wipe(vm);
        DemoJobs.install(vm);
    }

    @Test
    void onAPipe_progressIsTheOriginalsPercentLines_inFivePercentSteps() {
        BbrRun backup = bbr(vm, workDir, "backup");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.stdout()).containsPattern("INFO - Copying backup -- \\S+ uncompressed -- for job blobstore"
                + " on bosh/0\\.\\.\\.").doesNotContain("\u001b");
        List<Integer> percents = backup.stdout().lines().map(PERCENT::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).toList();
        // du's estimate and the tar's size differ by headers and block rounding: the last step may be 95 %.
        assertThat(percents).as(backup.stdout()).isNotEmpty().isSorted().doesNotHaveDuplicates()
                .allMatch(p -> p % 5 == 0).last().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.INTEGER)
                .isGreaterThanOrEqualTo(90);
        assertThat(percents.size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void onATerminal_everyCopyInFlightIsALiveRow_belowLogLinesThatStayWhole() {
        BbrInTerminal.Run backup = BbrInTerminal.run(workDir, Map.of("COLUMNS", "120"), Duration.ofMinutes(5),
                DirectorFixture.args(vm, "backup"));

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        String screen = backup.output().replace("\r\n", "\n");
        assertThat(ERASE_BLOCK.matcher(screen).find()).as("the block is redrawn in place").isTrue();
        List<String> lines = Arrays.stream(ERASE_BLOCK.matcher(screen).replaceAll("").split("\n"))
                .filter(line -> !line.isEmpty()).toList();
        assertThat(lines).as(backup.toString()).allSatisfy(line ->
                assertThat(LOG_LINE.matcher(line).matches() || STATUS_ROW.matcher(line).matches())
                        .as("a whole log line or a whole status row: %s", line).isTrue());
        assertThat(lines).anyMatch(line -> STATUS_ROW.matcher(line).matches()
                && line.startsWith("  blobstore on bosh/0 ") && line.contains("/s ") && line.contains("ETA "));
        assertThat(lines).anyMatch(line -> line.matches(".*INFO - Copying backup -- \\S+ uncompressed -- for job"
                        + " blobstore on bosh/0\\.\\.\\."))
                .anyMatch(line -> line.endsWith("INFO - Finished copying backup -- for job blobstore on bosh/0..."))
                .anyMatch(line -> line.contains("INFO - Backup created of "))
                .noneMatch(line -> line.contains("% complete"));
        assertThat(lines.get(lines.size() - 1)).as("the block is gone at the end").matches(LOG_LINE);
    }
}
