package bbr.orchestration;

/**
 * The operator's request to stop, shared by a workflow and whoever asks (the CLI's Ctrl-C handler). Once
 * requested, no lock, backup, restore or copy starts and copies in flight abort; unlocks and cleanup still run,
 * so that stopping never leaves a job locked when bbr can avoid it.
 */
public final class Cancellation {

    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** @throws BbrError when cancelled, naming what was not done */
    void check(String what) throws BbrError {
        if (requested) {
            throw new BbrError(ErrorKind.CANCELLED, "Cancelled by the operator before " + what);
        }
    }

    /** The error for a copy that {@link CopyProgress} stopped, naming it; null when {@code failure} is another. */
    static BbrError ofCopy(Throwable failure, String copy) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CopyProgress.CancelledCopy) {
                return new BbrError(ErrorKind.CANCELLED, "Cancelled by the operator while " + copy
                        + "; the partial copy was removed", failure);
            }
        }
        return null;
    }

    /**
     * Ends a workflow: a "yes" that came when every step had already started stopped nothing, yet the run still
     * exits 1 as the original does after a "yes", and says why.
     */
    void settle(Outcome outcome, String operation) {
        if (requested && !outcome.has(ErrorKind.CANCELLED)) {
            outcome.add(new BbrError(ErrorKind.CANCELLED, "Cancelled by the operator when every step of the "
                    + operation + " had already started: each was left to finish"));
        }
    }
}
