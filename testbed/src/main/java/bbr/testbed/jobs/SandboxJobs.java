package bbr.testbed.jobs;

import bbr.testbed.vm.Vm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandbox deployment's jobs: the API's cloud_controller locks before postgres (matched by release), and each
 * job keeps real files in /var/vcap/store/JOB that its backup and restore scripts copy.
 */
public final class SandboxJobs {

    private static final Map<String, String> JOB_BY_VM = Map.of(
            "vm-0", "cloud_controller", "vm-1", "cloud_controller", "vm-2", "postgres", "vm-3", "blobstore",
            "vm-4", "redis-server");
    /** The second deployment's one job holds enough data for its copy to show on the progress display. */
    private static final Map<String, String> DATA_SIZE = Map.of("redis-server", "256M");

    private SandboxJobs() {
    }

    public static void install(Vm vm) {
        String job = JOB_BY_VM.get(vm.name());
        String data = "/var/vcap/store/" + job;
        for (String script : List.of("pre-backup-lock", "post-backup-unlock", "pre-restore-lock",
                "post-restore-unlock")) {
            vm.writeJobScript(job, script, JobScripts.recording(job, script, ""));
        }
        vm.writeJobScript(job, "backup", JobScripts.copyDataToArtifact(job, data));
        vm.writeJobScript(job, "restore", JobScripts.copyArtifactToData(job, data));
        if (job.equals("cloud_controller")) {
            vm.writeJobScript(job, "metadata", JobScripts.metadata(job, """
                    backup_should_be_locked_before:
                    - job_name: postgres
                      release: postgres"""));
        }
        vm.createDirectories(data);
        vm.exec("head -c " + DATA_SIZE.getOrDefault(job, "4M") + " /dev/urandom > " + data + "/data.bin"
                + " && mkdir -p '" + data + "/nested dir'"
                + " && echo '" + vm.name() + "' > '" + data + "/nested dir/owner.txt'").orThrow();
    }

    /** SHA-256 of every data file on every VM, keyed VM:path. */
    public static Map<String, String> checksums(List<Vm> vms) {
        Map<String, String> sums = new TreeMap<>();
        for (Vm vm : vms) {
            String job = JOB_BY_VM.get(vm.name());
            vm.exec("cd /var/vcap/store/" + job + " && find . -type f -print0 | sort -z | xargs -0 sha256sum")
                    .orThrow().stdout().lines().forEach(line -> sums.put(vm.name() + ":" + line.substring(66),
                            line.substring(0, 64)));
        }
        return sums;
    }

    public static void destroyData(List<Vm> vms) {
        for (Vm vm : vms) {
            vm.exec("rm -rf /var/vcap/store/" + JOB_BY_VM.get(vm.name()) + "/*").orThrow();
        }
    }
}
