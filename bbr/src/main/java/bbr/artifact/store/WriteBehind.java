package bbr.artifact.store;

import bbr.concurrent.Daemons;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes to {@code target} on a thread of its own, a few buffers behind the caller, so that an encoded file's
 * stages (zstd's hand-over, age's ChaCha20-Poly1305, the stored bytes' SHA-256, the writes to the place) run beside
 * the copy's thread instead of after it: that thread already hashes every tar member and takes the VM's bytes.
 * Memory is bounded by {@code buffers × bufferBytes}, allocated once. The first failure of {@code target} fails
 * the caller's next write or its close, with the same exception; {@link #abandon} stops the thread without closing
 * {@code target}.
 */
final class WriteBehind extends OutputStream {

    /** Handed to the thread after the last buffer: close {@code target} and stop. */
    private static final Buffer END = new Buffer(new byte[0]);
    /** Handed to the thread by {@link #abandon}: stop without closing {@code target}. */
    private static final Buffer STOP = new Buffer(new byte[0]);

    private final OutputStream target;
    private final BlockingQueue<Buffer> full;
    private final BlockingQueue<Buffer> empty;
    private final Thread thread;
    private volatile IOException failure;
    private Buffer filling;
    private boolean closed;

    WriteBehind(OutputStream target, int buffers, int bufferBytes, String threadName) {
        this.target = target;
        this.full = new ArrayBlockingQueue<>(buffers + 1);
        this.empty = new ArrayBlockingQueue<>(buffers);
        for (int i = 1; i < buffers; i++) {
            empty.add(new Buffer(new byte[bufferBytes]));
        }
        this.filling = new Buffer(new byte[bufferBytes]);
        this.thread = Daemons.start(this::drain, threadName);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkOpen();
        while (length > 0) {
            int n = Math.min(length, filling.bytes.length - filling.length);
            System.arraycopy(bytes, offset, filling.bytes, filling.length, n);
            filling.length += n;
            offset += n;
            length -= n;
            if (filling.length == filling.bytes.length) {
                handOver();
            }
        }
    }

    /** Waits until the thread has written everything and closed {@code target}; fails as {@code target} did. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        checkFailure();
        closed = true;
        if (filling.length > 0) {
            put(filling);
        }
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the file's last bytes were written");
        }
        checkFailure();
    }

    /** Stops the thread where it is; {@code target} is left as it is, for its owner to discard. */
    void abandon() {
        if (!closed) {
            closed = true;
            full.clear();
            full.offer(STOP);
        }
    }

    /** After {@link #abandon} or a failure: true once the thread has stopped, so that {@code target} is free. */
    boolean awaitStopped(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void handOver() throws IOException {
        put(filling);
        try {
            Buffer next = null;
            while (next == null) {
                checkFailure(); // a thread that failed returns no more buffers
                next = empty.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            next.length = 0;
            filling = next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the file's writes");
        }
    }

    private void put(Buffer buffer) throws IOException {
        try {
            full.put(buffer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over bytes to write");
        }
    }

    private void drain() {
        try {
            for (Buffer buffer = full.take(); buffer != STOP; buffer = full.take()) {
                if (buffer == END) {
                    target.close();
                    return;
                }
                target.write(buffer.bytes, 0, buffer.length);
                empty.add(buffer);
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("the file's writes were interrupted");
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("write after close");
        }
        checkFailure();
    }

    /** Throws the thread's own exception: its type says how to describe it (a missing file, a full disk). */
    private void checkFailure() throws IOException {
        IOException cause = failure;
        if (cause != null) {
            throw cause;
        }
    }

    /** One buffer and how much of it holds bytes. */
    private static final class Buffer {
        final byte[] bytes;
        int length;

        Buffer(byte[] bytes) {
            this.bytes = bytes;
        }
    }
}
