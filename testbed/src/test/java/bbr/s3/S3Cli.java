package bbr.s3;

import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.jobs.RecordingJob;
import bbr.testbed.s3.S3Server;
import bbr.testbed.vm.Vm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runs the real bbr CLI against the test bed's S3 server, as an operator with the AWS variables set would. */
final class S3Cli {

    /** S3's smallest part, so that a few MiB of data already make a multipart upload of several parts. */
    static final String PART_SIZE = "5MiB";

    private S3Cli() {
    }

    /** The server's environment, with small parts; {@code more} overrides or adds variables. */
    static Map<String, String> environment(S3Server server, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(server.environment());
        env.put("BBR_S3_PART_SIZE", PART_SIZE);
        env.put("BBR_S3_PARTS_IN_FLIGHT", "2");
        env.putAll(more);
        return env;
    }

    static BbrRun run(Path workDir, Map<String, String> env, String... args) {
        try (BbrProcess process = BbrProcess.start(workDir, env, args)) {
            return process.await(Duration.ofMinutes(5));
        }
    }

    /** {@code bbr director … SUBCOMMAND…} against {@code vm}. */
    static BbrRun director(Vm vm, Path workDir, Map<String, String> env, String... subcommand) {
        return run(workDir, env, DirectorFlags.forVm(vm, subcommand));
    }

    /** Empties the VM, then gives it the recording job {@code store} holding {@code bytes} of random data. */
    static byte[] storeJob(Vm vm, int bytes, long seed) {
        vm.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/jobs /var/vcap/store").orThrow();
        RecordingJob.install(vm, "store", "");
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        vm.writeFile("/var/vcap/store/store/data", data, 0644);
        return data;
    }

    /** The scripts that ran on {@code vm}, by name ({@code pre-backup-lock}, …), in order. */
    static List<String> scriptsRun(Vm vm) {
        if (!vm.exists(JobScripts.EVENTS)) {
            return List.of();
        }
        return vm.readString(JobScripts.EVENTS).lines().map(line -> line.split(" ")[0]).toList();
    }
}
