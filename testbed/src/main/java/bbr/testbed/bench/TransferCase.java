package bbr.testbed.bench;

import bbr.testbed.director.Deployment;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The data-moving cases ({@link TransferSpec}): bbr backs up and restores the same data the floor streams with
 * {@code ssh … sudo tar}, round after round, floor and bbr taking turns so that both see the same machine; then
 * the phases of bbr's runs that the targets name.
 */
final class TransferCase {

    /** Issue #15: after "Backup created", at most 0.3 s until bbr exits (the SSH cleanup). */
    private static final double AFTER_BACKUP_CREATED_BUDGET = 0.3;
    /** Issue #15: to the first copy, at most the longest of the VM listing and SSH setup tasks plus 0.5 s. */
    private static final double DISCOVERY_ALLOWANCE = 0.5;

    private TransferCase() {
    }

    static void run(TransferSpec spec, BenchSettings settings) throws Exception {
        try (VmFarm farm = VmFarm.start(spec.vms())) {
            long bytes = settings.bytes(spec.bytesPerVm());
            for (Vm vm : farm.vms()) {
                DataJob.install(vm);
                if (spec.filesPerVm() == 1) {
                    DataJob.addToOneFile(vm, bytes);
                } else {
                    DataJob.spreadOver(vm, bytes, spec.filesPerVm());
                }
            }
            spec.pinning().pinVms(farm.vms());
            SideCpu.watch(farm.vms());
            try (BbrSide bbr = side(spec, settings.bbr(), farm.vms());
                 BbrSide baseline = settings.baselineBbr().map(other -> side(spec, other, farm.vms())).orElse(null)) {
                measure(spec, settings, farm.vms(), bbr, baseline);
            }
        }
    }

    private static BbrSide side(TransferSpec spec, Path bbr, List<Vm> vms) {
        return spec.deploymentMode()
                ? DeploymentRuns.start(bbr, deployment(vms),
                        spec.taskDelays() ? DeploymentRuns.REALISTIC_TASK_STATE : Duration.ZERO)
                : new DirectorRuns(bbr, vms.get(0), spec.pinning());
    }

    /** Every VM an instance of one group running the job "data": one bbr for all, as an operator runs it. */
    private static Deployment deployment(List<Vm> vms) {
        return Deployment.named("bench").release("bench")
                .instanceGroup(DataJob.NAME, group -> {
                    group.job(DataJob.NAME, "bench");
                    vms.forEach(group::instance);
                })
                .build();
    }

    /** {@code baseline}: another build run in turns with {@code bbr} (first in even rounds), or null. */
    private static void measure(TransferSpec spec, BenchSettings settings, List<Vm> vms, BbrSide bbr,
                                BbrSide baseline) throws Exception {
        List<Timing> floorBackup = new ArrayList<>();
        List<BbrRun> bbrBackup = new ArrayList<>();
        List<Timing> floorRestore = new ArrayList<>();
        List<BbrRun> bbrRestore = new ArrayList<>();
        List<BbrRun> baselineBackup = new ArrayList<>();
        List<BbrRun> baselineRestore = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            Path floorDirectory = settings.work().resolve("floor-" + round);
            Path bbrDirectory = settings.work().resolve("bbr-" + round);
            Path baselineDirectory = settings.work().resolve("baseline-" + round);
            boolean baselineFirst = round % 2 == 0;
            floorBackup.add(Floor.backup(vms, floorDirectory, spec.pinning()));
            if (baseline != null && baselineFirst) {
                baselineBackup.add(baseline.backup(baselineDirectory));
            }
            bbrBackup.add(bbr.backup(bbrDirectory));
            if (baseline != null && !baselineFirst) {
                baselineBackup.add(baseline.backup(baselineDirectory));
            }
            floorRestore.add(Floor.restore(vms, floorDirectory, spec.pinning()));
            if (baseline != null && baselineFirst) {
                baselineRestore.add(baseline.restore(baselineDirectory));
            }
            bbrRestore.add(bbr.restore(bbrDirectory));
            if (baseline != null && !baselineFirst) {
                baselineRestore.add(baseline.restore(baselineDirectory));
            }
            Commands.deleteTree(floorDirectory);
            Commands.deleteTree(bbrDirectory);
            Commands.deleteTree(baselineDirectory);
        }
        String name = spec.name();
        if (baseline != null) {
            Table.row(name, "baseline build: backup s", Timing.medianSeconds(floorBackup),
                    median(baselineBackup, r -> r.timing().seconds()), spec.backupTarget());
            Table.row(name, "baseline build: restore s", Timing.medianSeconds(floorRestore),
                    median(baselineRestore, r -> r.timing().seconds()), spec.restoreTarget());
            compare(spec, baselineBackup, bbrBackup, baselineRestore, bbrRestore);
        }
        if (System.getenv("BENCH_TIMELINE") != null) {
            timeline(name + " backup", bbrBackup.get(bbrBackup.size() - 1));
            timeline(name + " restore", bbrRestore.get(bbrRestore.size() - 1));
        }
        Table.row(name, "backup s", Timing.medianSeconds(floorBackup), median(bbrBackup, r -> r.timing().seconds()),
                spec.backupTarget());
        Table.row(name, "restore s", Timing.medianSeconds(floorRestore),
                median(bbrRestore, r -> r.timing().seconds()), spec.restoreTarget());
        // What bounds the rows above on a small machine: the CPU that the client, the VMs and the simulator spent.
        Table.row(name, "backup CPU s, machine", Timing.medianCpuSeconds(floorBackup),
                median(bbrBackup, r -> r.timing().cpuSeconds()), 0);
        Table.row(name, "restore CPU s, machine", Timing.medianCpuSeconds(floorRestore),
                median(bbrRestore, r -> r.timing().cpuSeconds()), 0);
        // The same per side: on a shared machine the total above holds the other users' work too.
        Table.row(name, "backup CPU s, client", Timing.medianClientCpuSeconds(floorBackup),
                median(bbrBackup, r -> r.timing().clientCpuSeconds()), 0);
        Table.row(name, "backup CPU s, VMs", Timing.medianVmCpuSeconds(floorBackup),
                median(bbrBackup, r -> r.timing().vmCpuSeconds()), 0);
        Table.row(name, "restore CPU s, client", Timing.medianClientCpuSeconds(floorRestore),
                median(bbrRestore, r -> r.timing().clientCpuSeconds()), 0);
        Table.row(name, "restore CPU s, VMs", Timing.medianVmCpuSeconds(floorRestore),
                median(bbrRestore, r -> r.timing().vmCpuSeconds()), 0);
        phases(spec, bbrBackup, bbrRestore);
    }

    /** This build against the baseline build: rows named "A/B …", baseline first, no target. */
    private static void compare(TransferSpec spec, List<BbrRun> baselineBackup, List<BbrRun> bbrBackup,
                                List<BbrRun> baselineRestore, List<BbrRun> bbrRestore) {
        String name = spec.name();
        Table.row(name, "A/B backup s", median(baselineBackup, r -> r.timing().seconds()),
                median(bbrBackup, r -> r.timing().seconds()), 0);
        Table.row(name, "A/B restore s", median(baselineRestore, r -> r.timing().seconds()),
                median(bbrRestore, r -> r.timing().seconds()), 0);
        Table.row(name, "A/B backup CPU s, machine", median(baselineBackup, r -> r.timing().cpuSeconds()),
                median(bbrBackup, r -> r.timing().cpuSeconds()), 0);
        Table.row(name, "A/B restore CPU s, machine", median(baselineRestore, r -> r.timing().cpuSeconds()),
                median(bbrRestore, r -> r.timing().cpuSeconds()), 0);
        Table.row(name, "A/B restore CPU s, client", median(baselineRestore, r -> r.timing().clientCpuSeconds()),
                median(bbrRestore, r -> r.timing().clientCpuSeconds()), 0);
        Table.row(name, "A/B restore CPU s, VMs", median(baselineRestore, r -> r.timing().vmCpuSeconds()),
                median(bbrRestore, r -> r.timing().vmCpuSeconds()), 0);
        Table.row(name, "A/B backup: 1st line to copy s", median(baselineBackup, BbrRun::firstLineToFirstCopy),
                median(bbrBackup, BbrRun::firstLineToFirstCopy), 0);
        Table.row(name, "A/B 'Backup created' to exit s", median(baselineBackup, r -> r.after("Backup created")),
                median(bbrBackup, r -> r.after("Backup created")), 0);
        Table.row(name, "A/B restore: 1st line to copy s", median(baselineRestore, BbrRun::firstLineToFirstCopy),
                median(bbrRestore, BbrRun::firstLineToFirstCopy), 0);
    }

    /** Where bbr's time goes before the first byte moves and after the last. */
    private static void phases(TransferSpec spec, List<BbrRun> backups, List<BbrRun> restores) {
        String name = spec.name();
        if (!spec.deploymentMode()) {
            Table.info(name, "backup: 1st line to 1st copy s", median(backups, BbrRun::firstLineToFirstCopy));
            Table.info(name, "backup: 'Backup created' to exit s", median(backups, r -> r.after("Backup created")));
            Table.info(name, "restore: 1st line to 1st copy s", median(restores, BbrRun::firstLineToFirstCopy));
            return;
        }
        double target = spec.taskDelays() ? 1.0 : 0;
        Table.info(name, "longest listing/setup task s", median(backups, BbrRun::longestDiscoveryTask));
        Table.row(name, "backup: 1st line to 1st copy s",
                median(backups, r -> r.longestDiscoveryTask() + DISCOVERY_ALLOWANCE),
                median(backups, BbrRun::firstLineToFirstCopy), target);
        Table.row(name, "backup: 'Backup created' to exit s", AFTER_BACKUP_CREATED_BUDGET,
                median(backups, r -> r.after("Backup created")), target);
        Table.row(name, "restore: 1st line to 1st copy s",
                median(restores, r -> r.longestDiscoveryTask() + DISCOVERY_ALLOWANCE),
                median(restores, BbrRun::firstLineToFirstCopy), target);
        Table.info(name, "restore: 'Completed restore' to exit s", median(restores, r -> r.after("Completed restore")));
    }

    /** Every line of one run with the second it arrived, on stderr: where the time went, for a reader. */
    private static void timeline(String title, BbrRun run) {
        System.err.println("# " + title + " (last round), seconds from start:");
        run.lines().forEach(line -> System.err.printf(java.util.Locale.ROOT, "%7.3f %s%n", line.seconds(),
                line.text()));
        System.err.printf(java.util.Locale.ROOT, "%7.3f (exit)%n", run.exitSeconds());
    }

    private static double median(List<BbrRun> runs, ToDoubleFunction<BbrRun> figure) {
        return Table.median(runs.stream().map(figure::applyAsDouble).toList());
    }
}
