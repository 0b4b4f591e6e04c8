package bbr.testbed.bench;

import bbr.testbed.director.Deployment;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * 16 VMs with three jobs each whose scripts do nothing and whose artifacts are empty: what is measured is bbr's
 * control plane (Director calls, SSH setup, script discovery, stages, empty drains and uploads, cleanup) against
 * a {@link PlainSshLoop} running the same scripts.
 */
final class ControlPlaneCase {

    static final String NAME = "16vm-control-plane";

    /** Within twice the plain-ssh loop (issue #5). */
    private static final double TARGET = 2.0;
    private static final int VMS = 16;
    private static final List<String> JOBS = List.of("job-a", "job-b", "job-c");
    private static final List<String> SCRIPTS = List.of("pre-backup-lock", "backup", "post-backup-unlock",
            "pre-restore-lock", "restore", "post-restore-unlock");

    private ControlPlaneCase() {
    }

    static void run(BenchSettings settings) throws Exception {
        try (VmFarm farm = VmFarm.start(VMS)) {
            List<Vm> vms = farm.vms();
            for (Vm vm : vms) {
                for (String job : JOBS) {
                    for (String script : SCRIPTS) {
                        vm.writeJobScript(job, script, "#!/bin/bash\ntrue\n");
                    }
                }
            }
            try (DeploymentRuns bbr = DeploymentRuns.start(settings.bbr(), deployment(vms))) {
                List<Double> loopBackup = new ArrayList<>();
                List<Double> bbrBackup = new ArrayList<>();
                List<Double> loopRestore = new ArrayList<>();
                List<Double> bbrRestore = new ArrayList<>();
                for (int round = 0; round < settings.rounds(); round++) {
                    Path artifacts = settings.work().resolve("control-plane-" + round);
                    loopBackup.add(PlainSshLoop.backup(vms, JOBS));
                    bbrBackup.add(bbr.backup(artifacts).timing().seconds());
                    loopRestore.add(PlainSshLoop.restore(vms, JOBS));
                    bbrRestore.add(bbr.restore(artifacts).timing().seconds());
                    Commands.deleteTree(artifacts);
                }
                Table.row(NAME, "backup s", Table.median(loopBackup), Table.median(bbrBackup), TARGET);
                Table.row(NAME, "restore s", Table.median(loopRestore), Table.median(bbrRestore), TARGET);
            }
        }
    }

    private static Deployment deployment(List<Vm> vms) {
        return Deployment.named("control-plane").release("bench")
                .instanceGroup("control", group -> {
                    JOBS.forEach(job -> group.job(job, "bench"));
                    vms.forEach(group::instance);
                })
                .build();
    }
}
