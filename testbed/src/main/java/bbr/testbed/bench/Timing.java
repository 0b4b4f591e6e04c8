package bbr.testbed.bench;

import java.util.List;

/** One measured run: its wall-clock seconds and the CPU seconds the whole machine spent meanwhile. */
record Timing(double seconds, double cpuSeconds) {

    static double medianSeconds(List<Timing> runs) {
        return Table.median(runs.stream().map(Timing::seconds).toList());
    }

    static double medianCpuSeconds(List<Timing> runs) {
        return Table.median(runs.stream().map(Timing::cpuSeconds).toList());
    }
}
