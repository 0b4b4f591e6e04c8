package bbr.testbed.s3;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Faults the test bed's S3 server shows on demand, each for a number of matching requests, in the order added: a
 * {@code 503 SlowDown} answer (as S3 throttles a busy prefix), or one byte of the request body flipped on its way
 * (a bit error the store's own checksum must catch), or a request held unanswered until the server is stopped (to
 * stop it in the middle of an upload, at a moment the test knows).
 */
public final class S3Faults {

    /** What the front does to one request. */
    enum Action { SLOW_DOWN, CORRUPT_BODY, HOLD }

    private record Fault(S3Operation operation, Action action, int[] remaining) {
    }

    private final List<Fault> faults = new ArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);

    /** Answers {@code 503 SlowDown} to the next {@code times} requests of {@code operation}. */
    public S3Faults slowDown(S3Operation operation, int times) {
        return add(operation, Action.SLOW_DOWN, times);
    }

    /** Flips one byte in the middle of the body of the next {@code times} requests of {@code operation}. */
    public S3Faults corruptBody(S3Operation operation, int times) {
        return add(operation, Action.CORRUPT_BODY, times);
    }

    /**
     * Holds the next request of {@code operation} unanswered until {@link S3Server#stop} cuts it; the latch opens
     * when it has arrived. No other request is held.
     */
    public CountDownLatch holdUntilStopped(S3Operation operation) {
        add(operation, Action.HOLD, 1);
        return held;
    }

    /** Called by the front when it holds a request. */
    void holding() {
        held.countDown();
    }

    /** Forgets every fault not yet shown. */
    public synchronized void clear() {
        faults.clear();
    }

    private synchronized S3Faults add(S3Operation operation, Action action, int times) {
        faults.add(new Fault(operation, action, new int[] {times}));
        return this;
    }

    /** The fault for this request, if one is due; counts it as shown. */
    synchronized Optional<Action> next(S3Operation operation) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext();) {
            Fault fault = it.next();
            if (fault.operation() == operation) {
                if (--fault.remaining()[0] == 0) {
                    it.remove();
                }
                return Optional.of(fault.action());
            }
        }
        return Optional.empty();
    }
}
