package bbr.deployment_mode;

import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.jobs.RecordingJob;
import bbr.testbed.vm.Vm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Running {@code bbr deployment} against the Director simulator, and reading what scripts did on the VMs. */
final class DeploymentFixture {

    static final String USER = "admin";
    static final String SECRET = "director-secret-d0n7-l0g";

    private DeploymentFixture() {
    }

    static BbrRun bbr(DirectorSimulator director, Path workDir, String deployment, String... subcommand) {
        return BbrProcess.run(workDir, args(director, deployment, subcommand));
    }

    static String[] args(DirectorSimulator director, String deployment, String... subcommand) {
        List<String> args = new ArrayList<>(List.of("deployment", "--target", director.url(), "--username", USER,
                "--password", SECRET, "--ca-cert", director.caCertFile().toString(), "--deployment", deployment));
        args.addAll(List.of(subcommand));
        return args.toArray(String[]::new);
    }

    /** {@code bbr deployment … --all-deployments SUBCOMMAND…}. */
    static BbrRun bbrForAll(DirectorSimulator director, Path workDir, String... subcommand) {
        return BbrProcess.run(workDir, allDeploymentsArgs(director, subcommand));
    }

    static String[] allDeploymentsArgs(DirectorSimulator director, String... subcommand) {
        List<String> args = new ArrayList<>(List.of("deployment", "--target", director.url(), "--username", USER,
                "--password", SECRET, "--ca-cert", director.caCertFile().toString(), "--all-deployments"));
        args.addAll(List.of(subcommand));
        return args.toArray(String[]::new);
    }

    static BbrRun bbrWithEnv(Path workDir, Map<String, String> env, String... args) {
        try (BbrProcess process = BbrProcess.start(workDir, env, args)) {
            return process.await(Duration.ofMinutes(5));
        }
    }

    /** Empties the VM's jobs and data, and removes temporary users an earlier test left on purpose. */
    static void wipe(Vm vm) {
        vm.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/jobs /var/vcap/store").orThrow();
        vm.users().stream().filter(user -> user.startsWith("bosh_")).forEach(vm::removeUser);
    }

    /** Wipes every VM, then gives each the job redis-server with {@code dump.rdb} holding {@code data}. */
    static void redisOnEveryVm(List<Vm> vms, String data) {
        for (Vm vm : vms) {
            wipe(vm);
            installJob(vm, "redis-server", "");
            vm.writeFile("/var/vcap/store/redis-server/dump.rdb", data, 0644);
        }
    }

    static void installJob(Vm vm, String job, String metadataYaml) {
        RecordingJob.install(vm, job, metadataYaml);
    }

    /** Script runs on {@code vm} as (script, job, nanos). */
    static List<Event> events(Vm vm) {
        if (!vm.exists(JobScripts.EVENTS)) {
            return List.of();
        }
        return vm.readString(JobScripts.EVENTS).lines().map(line -> {
            String[] fields = line.split(" ");
            return new Event(fields[0], fields[1], Long.parseLong(fields[2].substring(2)), line, vm.name());
        }).toList();
    }

    /** One recorded script run. */
    record Event(String script, String job, long nanos, String line, String vm) {
    }
}
