package bbr.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code limit} bytes a remote command wrote to stderr, in a ring that never grows past the limit.
 *
 * <p>The tail rather than the head: a failing script's cause is normally the last thing it printed (a
 * {@code set -e} script stops right after the failing command's message), while the start is often progress
 * noise. {@link bbr.remote.CommandResult} promises "the tail" for the same reason.
 */
final class StderrTail extends OutputStream {

    private final int limit;
    private byte[] ring;
    private int start;
    private int size;
    private long total;

    StderrTail(int limit) {
        this.limit = limit;
        this.ring = new byte[Math.min(256, limit)];
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        if (len >= limit) {
            ensureCapacity(limit);
            System.arraycopy(b, off + len - limit, ring, 0, limit);
            start = 0;
            size = limit;
            return;
        }
        ensureCapacity(Math.min(limit, size + len));
        int capacity = ring.length;
        int end = (start + size) % capacity;
        int first = Math.min(len, capacity - end);
        System.arraycopy(b, off, ring, end, first);
        System.arraycopy(b, off + first, ring, 0, len - first);
        int overflow = size + len - capacity;
        if (overflow > 0) {
            start = (start + overflow) % capacity;
            size = capacity;
        } else {
            size += len;
        }
    }

    /** The kept text, prefixed by a note when earlier output was dropped. */
    @Override
    public synchronized String toString() {
        byte[] kept = new byte[size];
        for (int i = 0; i < size; i++) {
            kept[i] = ring[(start + i) % ring.length];
        }
        long dropped = total - size;
        if (dropped == 0) {
            return new String(kept, StandardCharsets.UTF_8);
        }
        int from = 0;
        while (from < kept.length && (kept[from] & 0xC0) == 0x80) {
            from++; // the cut fell inside a UTF-8 sequence: skip its continuation bytes
        }
        return "[... " + (dropped + from) + " earlier bytes not kept]\n"
                + new String(kept, from, kept.length - from, StandardCharsets.UTF_8);
    }

    /** Grows the ring (linearising it) up to {@code limit} bytes, so quiet commands cost little memory. */
    private void ensureCapacity(int needed) {
        if (needed <= ring.length || ring.length >= limit) {
            return;
        }
        int capacity = Math.min(limit, Math.max(needed, ring.length * 2));
        byte[] grown = new byte[capacity];
        for (int i = 0; i < size; i++) {
            grown[i] = ring[(start + i) % ring.length];
        }
        ring = grown;
        start = 0;
    }
}
