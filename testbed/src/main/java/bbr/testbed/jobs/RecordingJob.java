package bbr.testbed.jobs;

import bbr.testbed.vm.Vm;
import java.util.List;

/**
 * A job with every bbr script, each recording its run in {@link JobScripts#EVENTS}; its backup and restore
 * copy {@code /var/vcap/store/JOB}.
 */
public final class RecordingJob {

    private RecordingJob() {
    }

    /** @param metadataYaml what its metadata script prints; empty for a job without one */
    public static void install(Vm vm, String job, String metadataYaml) {
        String data = "/var/vcap/store/" + job;
        vm.createDirectories(data);
        if (!metadataYaml.isEmpty()) {
            vm.writeJobScript(job, "metadata", JobScripts.metadata(job, metadataYaml));
        }
        for (String script : List.of("pre-backup-lock", "post-backup-unlock", "pre-restore-lock",
                "post-restore-unlock")) {
            vm.writeJobScript(job, script, JobScripts.recording(job, script, ""));
        }
        vm.writeJobScript(job, "backup", JobScripts.copyDataToArtifact(job, data));
        vm.writeJobScript(job, "restore", JobScripts.copyArtifactToData(job, data));
    }
}
