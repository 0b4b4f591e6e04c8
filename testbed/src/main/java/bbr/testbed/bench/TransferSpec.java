package bbr.testbed.bench;

import java.util.List;
import java.util.Optional;

/**
 * One data-moving case: how many VMs, how much data each holds and in how many files, director or deployment mode,
 * the Director's task delays, where client and VMs may run, and the target for the backup and restore
 * ratios (0: none).
 */
record TransferSpec(String name, int vms, long bytesPerVm, int filesPerVm, boolean deploymentMode,
                    boolean taskDelays, Pinning pinning, double backupTarget, double restoreTarget) {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /**
     * The cases in the order {@code bench/run} runs them. Targets: issue #5 (≤ 1.15× the floor) where #15 set none;
     * #15: director restore of 1 GiB ≤ 1.25×, of 4 GiB ≤ 1.10×, pinned ≤ 1.6×; deployment mode with a Director's
     * task delays 4 × 256 MiB ≤ 1.6×, 8 × 64 MiB ≤ 2.0×.
     */
    static final List<TransferSpec> ALL = List.of(
            director("1vm-1gib", GIB, 1, Pinning.NONE, 1.15, 1.25),
            director("1vm-1gib-5000files", GIB, 5000, Pinning.NONE, 1.15, 1.15),
            director("1vm-4gib", 4 * GIB, 1, Pinning.NONE, 1.15, 1.10),
            director("1vm-1gib-pinned", GIB, 1, Pinning.ONE_CORE_EACH, 0, 1.6),
            new TransferSpec("4vm-256mib", 4, 256 * MIB, 1, true, false, Pinning.NONE, 1.15, 1.15),
            new TransferSpec("4vm-256mib-delays", 4, 256 * MIB, 1, true, true, Pinning.NONE, 1.6, 1.6),
            new TransferSpec("8vm-64mib-delays", 8, 64 * MIB, 1, true, true, Pinning.NONE, 2.0, 2.0));

    static List<String> names() {
        return ALL.stream().map(TransferSpec::name).toList();
    }

    static Optional<TransferSpec> named(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    private static TransferSpec director(String name, long bytes, int files, Pinning pinning, double backupTarget,
                                         double restoreTarget) {
        return new TransferSpec(name, 1, bytes, files, false, false, pinning, backupTarget, restoreTarget);
    }
}
