package bbr.orchestration;

/**
 * Classes of failure, each with the exit-code bit the original sets for it; the exit code is the OR of the bits
 * of every error collected in a run.
 */
public enum ErrorKind {
    /** Anything not listed below: scripts, discovery, checks, auth. */
    GENERAL(1),
    /** A pre-backup-lock script failed. */
    LOCK(4),
    /** A post-backup-unlock or post-restore-unlock script failed. */
    UNLOCK(8),
    /** Removing the remote artifact directory or the temporary SSH users failed. */
    CLEANUP(16),
    /** {@code /var/vcap/store/bbr-backup} was already there. */
    ARTIFACT_DIR_EXISTS(1),
    /** Copying or verifying an artifact failed after the scripts ran. */
    DRAIN(1),
    /**
     * The operator answered "yes" to Ctrl-C. A plain 1, as the original exits with; no cleanup advice, because bbr
     * still unlocked and cleaned up (a failure there is reported as its own error, with the advice).
     */
    CANCELLED(1);

    private final int bit;

    ErrorKind(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** Failures after which the original advises {@code bbr backup-cleanup}: something may be left behind. */
    boolean leavesSomethingBehind() {
        return this == UNLOCK || this == CLEANUP || this == ARTIFACT_DIR_EXISTS || this == DRAIN;
    }
}
