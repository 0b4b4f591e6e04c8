package bbr.orchestration;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors a workflow collected, in the order they happened, and the exit code they add up to. Thread-safe,
 * because parallel steps report into it.
 */
public final class Outcome {

    private final List<BbrError> errors = new ArrayList<>();

    public synchronized void add(BbrError error) {
        errors.add(error);
    }

    public synchronized void addAll(List<BbrError> more) {
        errors.addAll(more);
    }

    public synchronized List<BbrError> errors() {
        return List.copyOf(errors);
    }

    public synchronized boolean failed() {
        return !errors.isEmpty();
    }

    public synchronized boolean has(ErrorKind kind) {
        return errors.stream().anyMatch(e -> e.kind() == kind);
    }

    /** Bitwise OR of 1 (other), 4 (lock), 8 (unlock) and 16 (cleanup), as the original computes it. */
    public synchronized int exitCode() {
        return errors.stream().mapToInt(e -> e.kind().bit()).reduce(0, (a, b) -> a | b);
    }

    /** Whether to print the "run bbr backup-cleanup" advice after a failed backup. */
    public synchronized boolean recommendsBackupCleanup() {
        return errors.stream().anyMatch(e -> e.kind().leavesSomethingBehind());
    }
}
