package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bbr's peak RSS for a director backup of 1 GiB and of 4 GiB in one file: both within the 256 MiB budget, and the
 * same for both, since nothing bbr holds grows with the artifact.
 */
final class RssCase {

    static final String NAME = "rss-4gib";

    private static final double BUDGET_MIB = 256;
    private static final long GIB = 1L << 30;

    private RssCase() {
    }

    static void run(BenchSettings settings) throws Exception {
        try (VmFarm farm = VmFarm.start(1)) {
            Vm vm = farm.vm(0);
            DataJob.install(vm);
            long small = settings.bytes(GIB);
            long large = settings.bytes(4 * GIB);
            DataJob.addToOneFile(vm, small);
            double smallMib = peakOfBackups(settings, vm);
            Table.row(NAME, "peak RSS MiB, " + BenchSettings.label(small), BUDGET_MIB, smallMib, 1.0);
            DataJob.addToOneFile(vm, large - small);
            double largeMib = peakOfBackups(settings, vm);
            Table.row(NAME, "peak RSS MiB, " + BenchSettings.label(large), BUDGET_MIB, largeMib, 1.0);
            Table.row(NAME, "RSS " + BenchSettings.label(large) + " / " + BenchSettings.label(small),
                    smallMib, largeMib, 0);
        }
    }

    /** The median over the rounds of one backup's peak RSS. */
    private static double peakOfBackups(BenchSettings settings, Vm vm) throws IOException, InterruptedException {
        List<Double> peaks = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            Path artifacts = Files.createDirectories(settings.work().resolve("rss-" + round));
            peaks.add(PeakRss.mebibytes(DirectorRuns.backupCommand(settings.bbr(), vm, artifacts), settings.work()));
            Commands.deleteTree(artifacts);
        }
        return Table.median(peaks);
    }
}
