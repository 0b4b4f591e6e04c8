package bbr.s3;

import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The memory of one S3 place's uploads: at most {@code count} buffers of {@code size} bytes, made when first needed
 * and reused, shared by every file being written there. A part takes all the buffers it needs at once (fair, in
 * turn), so two writers can never each hold half of what both wait for; a part gives them back once it is stored,
 * or has failed for good.
 */
final class PartBuffers {

    private final int size;
    private final int count;
    private final Semaphore permits;
    private final Deque<byte[]> free = new ArrayDeque<>();

    PartBuffers(int size, int count) {
        this.size = size;
        this.count = count;
        this.permits = new Semaphore(count, true);
    }

    int size() {
        return size;
    }

    int count() {
        return count;
    }

    /** {@code n} buffers, waiting until that many are free. */
    List<byte[]> take(int n) throws InterruptedIOException {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("a part takes 1 to " + count + " buffers, not " + n);
        }
        try {
            permits.acquire(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an upload buffer");
        }
        List<byte[]> taken = new ArrayList<>(n);
        synchronized (free) {
            while (taken.size() < n) {
                byte[] buffer = free.poll();
                taken.add(buffer != null ? buffer : new byte[size]);
            }
        }
        return taken;
    }

    void give(List<byte[]> buffers) {
        synchronized (free) {
            free.addAll(buffers);
        }
        permits.release(buffers.size());
    }
}
