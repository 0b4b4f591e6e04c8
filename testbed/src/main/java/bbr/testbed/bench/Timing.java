package bbr.testbed.bench;

import java.util.List;

/**
 * One measured run: its wall-clock seconds, the CPU seconds the whole machine spent meanwhile, and those of each side
 * ({@link SideCpu}: the client, the VMs).
 */
record Timing(double seconds, double cpuSeconds, double clientCpuSeconds, double vmCpuSeconds) {

    /** From the machine's and the sides' CPU seconds before, until now. */
    static Timing since(double seconds, double machineBefore, double[] sidesBefore) throws java.io.IOException {
        double[] sides = SideCpu.now();
        return new Timing(seconds, MachineCpu.busySeconds() - machineBefore, sides[0] - sidesBefore[0],
                sides[1] - sidesBefore[1]);
    }

    static double medianSeconds(List<Timing> runs) {
        return Table.median(runs.stream().map(Timing::seconds).toList());
    }

    static double medianCpuSeconds(List<Timing> runs) {
        return Table.median(runs.stream().map(Timing::cpuSeconds).toList());
    }

    static double medianClientCpuSeconds(List<Timing> runs) {
        return Table.median(runs.stream().map(Timing::clientCpuSeconds).toList());
    }

    static double medianVmCpuSeconds(List<Timing> runs) {
        return Table.median(runs.stream().map(Timing::vmCpuSeconds).toList());
    }
}
