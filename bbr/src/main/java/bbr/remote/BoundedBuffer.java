package bbr.remote;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that keeps the first {@code limit} bytes and counts the rest, so a chatty remote command
 * cannot grow the heap.
 */
public final class BoundedBuffer extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private long dropped;

    public BoundedBuffer(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < limit) {
            kept.write(b);
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, limit - kept.size());
        int take = Math.min(room, len);
        kept.write(b, off, take);
        dropped += len - take;
    }

    /** The bytes kept, undecoded (file names on a VM need not be UTF-8). */
    public synchronized byte[] bytes() {
        return kept.toByteArray();
    }

    public synchronized long droppedBytes() {
        return dropped;
    }

    @Override
    public synchronized String toString() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "\n[... " + dropped + " more bytes not kept]";
    }
}
