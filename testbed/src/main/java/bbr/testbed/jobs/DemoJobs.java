package bbr.testbed.jobs;

import bbr.testbed.vm.Vm;
import java.util.List;
import java.util.Random;

/**
 * The jobs of a small BOSH Director for demos and tests: {@code database} locks before {@code blobstore};
 * {@code disabled} opts out with {@code skip_bbr_scripts} (and would fail if run); a README sits among the
 * scripts; the blobstore holds nested directories, names with spaces and a newline, and a 50 MB blob.
 */
public final class DemoJobs {

    public static final List<String> BACKED_UP = List.of("database", "blobstore");

    private DemoJobs() {
    }

    public static void install(Vm vm) {
        for (String job : BACKED_UP) {
            String data = dataDirectory(job);
            vm.writeJobScript(job, "pre-backup-lock", JobScripts.recording(job, "pre-backup-lock", ""));
            vm.writeJobScript(job, "backup", JobScripts.copyDataToArtifact(job, data));
            vm.writeJobScript(job, "post-backup-unlock", JobScripts.recording(job, "post-backup-unlock", ""));
            vm.writeJobScript(job, "pre-restore-lock", JobScripts.recording(job, "pre-restore-lock", ""));
            vm.writeJobScript(job, "restore", JobScripts.copyArtifactToData(job, data));
            vm.writeJobScript(job, "post-restore-unlock", JobScripts.recording(job, "post-restore-unlock", ""));
        }
        vm.writeJobScript("database", "metadata", JobScripts.metadata("database", """
                backup_should_be_locked_before:
                - job_name: blobstore
                  release: bosh
                restore_should_be_locked_before:
                - job_name: blobstore
                  release: bosh"""));
        vm.writeFile("/var/vcap/jobs/database/bin/bbr/README.md", "not a script", 0644);
        vm.writeJobScript("disabled", "metadata", JobScripts.metadata("disabled", "skip_bbr_scripts: true"));
        vm.writeJobScript("disabled", "backup", JobScripts.failing("disabled", "backup", "must not run", 1));

        vm.writeFile("/var/vcap/store/database/dump.sql", "CREATE TABLE t (id int);\n", 0600);
        vm.writeFile("/var/vcap/store/blobstore/a/b/c/deep.txt", "deep", 0644);
        vm.writeFile("/var/vcap/store/blobstore/with space/file name.txt", "spaces", 0644);
        vm.writeFile("/var/vcap/store/blobstore/new\nline", "newline", 0644);
        byte[] big = new byte[50 * 1024 * 1024];
        new Random(42).nextBytes(big);
        vm.writeFile("/var/vcap/store/blobstore/big.bin", big, 0644);
    }

    public static String dataDirectory(String job) {
        return "/var/vcap/store/" + job;
    }
}
