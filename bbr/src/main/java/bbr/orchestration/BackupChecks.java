package bbr.orchestration;

import bbr.artifact.store.ArtifactPlace;
import bbr.instance.Job;
import bbr.instance.ScriptName;
import bbr.log.Logger;
import java.io.IOException;
import java.util.List;

/** The pre-checks shared by {@code pre-backup-check} and {@code backup}. */
final class BackupChecks {

    private BackupChecks() {
    }

    /**
     * Returns the lock batches, or {@code null} after recording why the deployment cannot be backed up. A backup
     * claims the remote artifact directory; pre-backup-check only looks.
     */
    static List<List<Job>> run(Deployment deployment, Logger logger, Outcome outcome, boolean claim) {
        logger.info("Running pre-checks for backup of %s...", deployment.name());
        if (!deployment.has(ScriptName.BACKUP)) {
            outcome.add(new BbrError(ErrorKind.GENERAL,
                    "Deployment '" + deployment.name() + "' has no backup scripts"));
            return null;
        }
        deployment.checkArtifactRootAbsent(outcome, claim);
        List<List<Job>> batches = null;
        try {
            batches = LockOrderer.order(deployment.jobs(), LockOrderer.Phase.BACKUP, logger);
        } catch (BbrError e) {
            outcome.add(e);
        }
        return outcome.failed() ? null : batches;
    }

    /**
     * Proves that the backup can be written to {@code place} (every destination of it), before anything is locked;
     * records why not, naming each destination that is not, and returns false then.
     */
    static boolean writable(ArtifactPlace place, Outcome outcome) {
        try {
            place.checkWritable();
            return true;
        } catch (IOException e) {
            outcome.add(new BbrError(ErrorKind.GENERAL, e.getMessage(), e));
            return false;
        }
    }
}
