package bbr.testbed.bench;

import bbr.testbed.director.Deployment;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data-moving cases: bbr backs up and restores the same data the floor streams with {@code ssh … sudo tar},
 * round after round, floor and bbr taking turns so that both see the same machine.
 */
final class TransferCase {

    static final List<String> NAMES = List.of("1vm-1gib", "1vm-1gib-5000files", "4vm-256mib");

    /** Backup and restore within 15% of plain OpenSSH tar streams (issue #5). */
    private static final double TARGET = 1.15;
    private static final long GIB = 1L << 30;

    private TransferCase() {
    }

    static void run(String name, BenchSettings settings) throws Exception {
        int vmCount = name.equals("4vm-256mib") ? 4 : 1;
        try (VmFarm farm = VmFarm.start(vmCount)) {
            for (Vm vm : farm.vms()) {
                DataJob.install(vm);
                switch (name) {
                    case "1vm-1gib" -> DataJob.addToOneFile(vm, settings.bytes(GIB));
                    case "1vm-1gib-5000files" -> DataJob.spreadOver(vm, settings.bytes(GIB), 5000);
                    case "4vm-256mib" -> DataJob.addToOneFile(vm, settings.bytes(GIB / 4));
                    default -> throw new IllegalArgumentException("not a transfer case: " + name);
                }
            }
            try (BbrSide bbr = vmCount == 1 ? new DirectorRuns(settings.bbr(), farm.vm(0))
                    : DeploymentRuns.start(settings.bbr(), deployment(farm.vms()))) {
                measure(name, settings, farm.vms(), bbr);
            }
        }
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

    private static void measure(String name, BenchSettings settings, List<Vm> vms, BbrSide bbr) throws Exception {
        List<Timing> floorBackup = new ArrayList<>();
        List<Timing> bbrBackup = new ArrayList<>();
        List<Timing> floorRestore = new ArrayList<>();
        List<Timing> bbrRestore = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            Path floorDirectory = settings.work().resolve("floor-" + round);
            Path bbrDirectory = settings.work().resolve("bbr-" + round);
            floorBackup.add(Floor.backup(vms, floorDirectory));
            bbrBackup.add(bbr.backup(bbrDirectory));
            floorRestore.add(Floor.restore(vms, floorDirectory));
            bbrRestore.add(bbr.restore(bbrDirectory));
            Commands.deleteTree(floorDirectory);
            Commands.deleteTree(bbrDirectory);
        }
        Table.row(name, "backup s", Timing.medianSeconds(floorBackup), Timing.medianSeconds(bbrBackup), TARGET);
        Table.row(name, "restore s", Timing.medianSeconds(floorRestore), Timing.medianSeconds(bbrRestore), TARGET);
        // What bounds the rows above on a small machine: the CPU that the client, the VMs and the simulator spent.
        Table.row(name, "backup CPU s, machine", Timing.medianCpuSeconds(floorBackup),
                Timing.medianCpuSeconds(bbrBackup), 0);
        Table.row(name, "restore CPU s, machine", Timing.medianCpuSeconds(floorRestore),
                Timing.medianCpuSeconds(bbrRestore), 0);
    }
}
