package bbr.orchestration;

import bbr.artifact.BackupDirectory;
import bbr.instance.Instance;
import bbr.instance.Job;
import bbr.instance.ScriptName;
import bbr.log.Logger;
import java.util.List;

/** What must hold before restore uploads anything: the deployment has restore scripts and fits the artifact. */
final class RestoreChecks {

    private RestoreChecks() {
    }

    /** Returns the lock batches, or {@code null} after recording why the restore cannot go ahead. */
    static List<List<Job>> run(Deployment deployment, BackupDirectory artifact, Logger logger, Outcome outcome) {
        for (Instance instance : deployment.instances()) {
            boolean discontinued = instance.jobs().stream()
                    .anyMatch(job -> job.has(ScriptName.RESTORE) && job.metadata().hasRestoreName());
            if (discontinued) {
                String message = "discontinued metadata keys backup_name/restore_name found on instance "
                        + instance.group() + ". bbr cannot restore this backup artifact.";
                logger.error(message);
                outcome.add(new BbrError(ErrorKind.GENERAL, message));
            }
        }
        if (!deployment.has(ScriptName.RESTORE)) {
            outcome.add(new BbrError(ErrorKind.GENERAL,
                    "Deployment '" + deployment.name() + "' has no restore scripts"));
            return null;
        }
        for (var entry : artifact.metadata().instances()) {
            boolean present = deployment.instances().stream()
                    .anyMatch(i -> i.group().equals(entry.name()) && i.index().equals(entry.index()));
            if (!present) {
                outcome.add(new BbrError(ErrorKind.GENERAL, "Deployment '" + deployment.name()
                        + "' does not match the structure of the provided backup: it has no instance "
                        + entry.name() + "/" + entry.index()));
            }
        }
        for (Job job : deployment.jobsWith(ScriptName.RESTORE)) {
            if (artifact.metadata().find(job.restoreArtifact()).isEmpty()) {
                outcome.add(new BbrError(ErrorKind.GENERAL, "The backup has no artifact "
                        + job.restoreArtifact().fileName() + " for job " + job.name() + " on "
                        + job.instance().label()));
            }
        }
        if (!outcome.failed()) { // an artifact missing above has no size to measure the VM's room against
            FreeSpaceCheck.run(deployment, artifact, outcome);
        }
        deployment.checkArtifactRootAbsent(outcome, true);
        List<List<Job>> batches = null;
        try {
            batches = LockOrderer.order(deployment.jobs(), LockOrderer.Phase.RESTORE, logger);
        } catch (BbrError e) {
            outcome.add(e);
        }
        return outcome.failed() ? null : batches;
    }
}
