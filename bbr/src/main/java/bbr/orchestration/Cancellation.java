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
            throw new BbrError(ErrorKind.GENERAL, "Cancelled by the operator before " + what);
        }
    }
}
