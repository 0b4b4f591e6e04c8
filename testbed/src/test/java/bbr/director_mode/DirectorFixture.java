package bbr.director_mode;

import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import java.nio.file.Path;
import java.util.List;

/** Shared set-up for director-mode tests: the CLI flags for a VM, and a clean VM between tests. */
final class DirectorFixture {

    private DirectorFixture() {
    }

    static BbrRun bbr(Vm vm, Path workDir, String... subcommand) {
        return BbrProcess.run(workDir, args(vm, subcommand));
    }

    static String[] args(Vm vm, String... subcommand) {
        return DirectorFlags.forVm(vm, subcommand);
    }

    /** Removes every job, all data and any bbr leftovers, so each test starts from an empty VM. */
    static void wipe(Vm vm) {
        vm.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/jobs /var/vcap/store").orThrow();
    }

    static List<String> events(Vm vm) {
        if (!vm.exists(JobScripts.EVENTS)) {
            return List.of();
        }
        return vm.readString(JobScripts.EVENTS).lines().toList();
    }

    /** The jobs whose {@code script} ran, in the order they ran. */
    static List<String> scriptOrder(List<String> events, String script) {
        return events.stream().filter(e -> e.startsWith(script + " ")).map(e -> e.split(" ")[1]).toList();
    }
}
