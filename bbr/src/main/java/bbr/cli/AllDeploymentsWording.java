package bbr.cli;

/** How the original words each {@code --all-deployments} command on the console and in its error summary. */
enum AllDeploymentsWording {
    PRE_BACKUP_CHECK(null, null, "can be backed up", "cannot be backed up"),
    BACKUP("Starting backup...", "backup", "backed up", "cannot be backed up"),
    BACKUP_CLEANUP("Starting cleanup...", "cleanup", "cleaned up", "could not be cleaned up");

    /** Printed plainly before the deployments are listed; none for pre-backup-check. */
    final String opening;
    /** "Starting VERB of X", "Finished VERB of X", "ERROR: failed to VERB X". */
    final String verb;
    /** "Successfully DONE: a, b". */
    final String done;
    /** "N out of M deployments NOT_DONE:". */
    final String notDone;

    AllDeploymentsWording(String opening, String verb, String done, String notDone) {
        this.opening = opening;
        this.verb = verb;
        this.done = done;
        this.notDone = notDone;
    }
}
