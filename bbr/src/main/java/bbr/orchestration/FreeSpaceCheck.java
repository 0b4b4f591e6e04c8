package bbr.orchestration;

import bbr.artifact.BackupDirectory;
import bbr.artifact.RemoteLayout;
import bbr.artifact.Sizes;
import bbr.instance.Instance;
import bbr.instance.Job;
import bbr.instance.ScriptName;
import java.io.IOException;
import java.util.List;

/**
 * Before a restore sends anything: every VM must have room under {@code /var/vcap/store} for the artifacts it is to
 * receive. Otherwise the upload fails half-way with tar's "Wrote only 512 of 10240 bytes", having filled the disk
 * of a VM whose service may need it; refusing first leaves the VM as it was, and names what is missing where.
 */
final class FreeSpaceCheck {

    /** Where the uploads land: the artifact root's file system. */
    private static final String STORE = RemoteLayout.ARTIFACT_ROOT.substring(0,
            RemoteLayout.ARTIFACT_ROOT.lastIndexOf('/'));

    private FreeSpaceCheck() {
    }

    /** Asks each VM that is sent artifacts for its free space (one {@code df} each, all at once). */
    static void run(Deployment deployment, BackupDirectory artifact, Outcome outcome) {
        List<Instance> receiving = deployment.instances().stream()
                .filter(instance -> instance.hasScript(ScriptName.RESTORE)).toList();
        outcome.addAll(Parallel.inOrder(Parallel.DEFAULT_WIDTH, receiving, instance -> check(instance, artifact)));
    }

    private static BbrError check(Instance instance, BackupDirectory artifact) {
        List<Job> jobs = instance.jobs().stream().filter(job -> job.has(ScriptName.RESTORE)).toList();
        try {
            long needed = 0;
            for (Job job : jobs) {
                needed += bytesNeeded(artifact, job);
            }
            long free = instance.shell().freeBytes(STORE);
            if (needed <= free) {
                return null;
            }
            List<String> names = jobs.stream().map(Job::name).toList();
            return new BbrError(ErrorKind.GENERAL, "Not enough space on " + instance.label() + " to restore "
                    + (names.size() == 1 ? "job " + names.get(0) + ": its artifact needs "
                            : "jobs " + String.join(", ", names) + ": their artifacts need ")
                    + Sizes.human(needed) + " (" + needed + " bytes) and " + STORE + " has " + Sizes.human(free)
                    + " (" + free + " bytes) free");
        } catch (IOException e) {
            return new BbrError(ErrorKind.GENERAL, "Error checking the free space under " + STORE + " on "
                    + instance.label() + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a job's artifact takes once extracted on its VM: for now the size of its file as stored, which for a plain
     * tar is its plain size. A compressed or encrypted artifact must answer with its plain size here instead (an
     * under-estimate until then: such an artifact may pass this check and still not fit).
     */
    static long bytesNeeded(BackupDirectory artifact, Job job) throws IOException {
        return artifact.storedSize(job.restoreArtifact());
    }
}
