package bbr.orchestration;

import bbr.instance.ScriptName;

/**
 * One kind of script run across a deployment, with the original's log wording and the exit-code class of its
 * failure (a pre-restore-lock failure is a plain 1, unlike pre-backup-lock's 4).
 */
enum Stage {
    PRE_BACKUP_LOCK(ScriptName.PRE_BACKUP_LOCK, "Locking %s on %s for backup...",
            "Finished locking %s on %s for backup.", "Error locking %s on %s.", ErrorKind.LOCK),
    BACKUP(ScriptName.BACKUP, "Backing up %s on %s...",
            "Finished backing up %s on %s.", "Error backing up %s on %s.", ErrorKind.GENERAL),
    POST_BACKUP_UNLOCK(ScriptName.POST_BACKUP_UNLOCK, "Unlocking %s on %s...",
            "Finished unlocking %s on %s.", "Error unlocking %s on %s.", ErrorKind.UNLOCK),
    PRE_RESTORE_LOCK(ScriptName.PRE_RESTORE_LOCK, "Locking %s on %s for restore...",
            "Finished locking %s on %s for restore.", "Error locking %s on %s.", ErrorKind.GENERAL),
    RESTORE(ScriptName.RESTORE, "Restoring %s on %s...",
            "Finished restoring %s on %s.", "Error restoring %s on %s.", ErrorKind.GENERAL),
    POST_RESTORE_UNLOCK(ScriptName.POST_RESTORE_UNLOCK, "Unlocking %s on %s...",
            "Finished unlocking %s on %s.", "Error unlocking %s on %s.", ErrorKind.UNLOCK);

    final ScriptName script;
    final String starting;
    final String finished;
    final String failed;
    final ErrorKind errorKind;

    Stage(ScriptName script, String starting, String finished, String failed, ErrorKind errorKind) {
        this.script = script;
        this.starting = starting;
        this.finished = finished;
        this.failed = failed;
        this.errorKind = errorKind;
    }

    /** Unlocks must run even after the operator cancelled: they are what leaves the deployment usable. */
    boolean releasesLocks() {
        return this == POST_BACKUP_UNLOCK || this == POST_RESTORE_UNLOCK;
    }

    String header() {
        return "Running " + script + " scripts...";
    }

    String footer() {
        return "Finished running " + script + " scripts.";
    }
}
