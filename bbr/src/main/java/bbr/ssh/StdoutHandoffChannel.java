package bbr.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.sshd.client.channel.ChannelExec;

/**
 * An exec channel (no PTY) whose stdout MINA's I/O thread copies into large reusable chunks, which the calling
 * thread writes to the caller's stream whole; the channel window is released as bytes are written, so the VM can
 * never send more than one window ahead and memory stays bounded (a window's worth of chunks, reused).
 *
 * <p>Why chunks rather than one array per packet, as before: each 32 KiB packet then costs one copy instead of an
 * allocation, a copy, a wake-up of the reader's lock and the caller's buffered stream copying it again (a write of
 * at least its buffer's size bypasses that). 4 downloads at once from OpenSSH 9.2 (SshParallelBenchmark, same JVM,
 * alternating rounds, shared machine): 2.06 → 1.63 client CPU s/GiB, 212 → 254 MB/s aggregate (OpenSSH's clients
 * 1.62 s/GiB, 227 MB/s); one download 2.45 → 1.60 s/GiB (best rounds 1.69 → 1.38).
 *
 * <p>Why not MINA's own options (measured with 1 GiB, see SshThroughputBenchmark): its inverted stream
 * ({@code getInvertedOut}, a ChannelPipedInputStream) compacts its buffer on reads and wakes the reader per packet:
 * 3.4-3.9 CPU s/GiB, ~170-190 MB/s. Its {@code setOut} writes on the I/O thread, which is cheap but runs the
 * caller's (maybe slow, maybe failing) stream on one of the few threads shared by every VM, and MINA closes the
 * whole session when that stream throws.
 */
final class StdoutHandoffChannel extends ChannelExec {

    /** How long the reader waits for a chunk to fill before writing what has arrived (a slow trickle still flows). */
    private static final long MAX_BATCH_WAIT_MS = 100;
    private static final int FIRST_CHUNK_BYTES = 64 * 1024;

    private final boolean discard;
    private final int chunkBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition chunkReady = lock.newCondition();
    private final ArrayDeque<Chunk> full = new ArrayDeque<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private Chunk filling;
    private boolean ended;
    /** Chunks start small and double: most commands print a line or nothing, a stream reaches full chunks soon. */
    private int nextChunkBytes = FIRST_CHUNK_BYTES;

    /**
     * @param discard    drop stdout as it arrives (no caller stream)
     * @param chunkBytes the size of a chunk: the reader wakes once one is full; at most half the window, so the VM
     *                   keeps sending into the next while one is written
     */
    StdoutHandoffChannel(String command, boolean discard, int chunkBytes) {
        super(command, null, null);
        this.discard = discard;
        this.chunkBytes = chunkBytes;
        setOut(OutputStream.nullOutputStream()); // keeps MINA from creating its piped stream in doOpen()
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        if (discard || isClosing()) {
            super.doWriteData(data, off, len); // writes to the null stream and releases the window at once
            return;
        }
        lock.lock();
        try {
            int at = off;
            int left = (int) len; // MINA reuses `data` for the next packet: copy it out now
            while (left > 0) {
                if (filling == null) {
                    filling = new Chunk(spare.isEmpty() ? newChunk() : spare.pop());
                }
                int n = Math.min(left, filling.bytes.length - filling.length);
                System.arraycopy(data, at, filling.bytes, filling.length, n);
                filling.length += n;
                at += n;
                left -= n;
                if (filling.length == filling.bytes.length) {
                    full.add(filling);
                    filling = null;
                    chunkReady.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private byte[] newChunk() {
        byte[] chunk = new byte[Math.min(nextChunkBytes, chunkBytes)];
        nextChunkBytes = Math.min(chunkBytes, nextChunkBytes * 2);
        return chunk;
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        end();
    }

    @Override
    protected void preClose() {
        end();
        super.preClose();
    }

    private void end() {
        lock.lock();
        try {
            ended = true;
            chunkReady.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Writes the VM's stdout to {@code stdout} until EOF or close; the stream's exceptions pass unchanged. */
    void drainTo(OutputStream stdout) throws IOException {
        List<Chunk> batch = new ArrayList<>();
        boolean last = false;
        while (!last) {
            lock.lock();
            try {
                awaitChunk();
                batch.addAll(full);
                full.clear();
                last = ended;
                if ((last || batch.isEmpty()) && filling != null) {
                    batch.add(filling); // the end, or a partial chunk after a while: a slow trickle still flows
                    filling = null;
                }
            } finally {
                lock.unlock();
            }
            long written = 0;
            for (Chunk chunk : batch) {
                stdout.write(chunk.bytes, 0, chunk.length);
                written += chunk.length;
            }
            recycle(batch);
            if (written > 0 && !isClosing()) {
                getLocalWindow().release(written);
            }
        }
    }

    /** Called with the lock held: waits for a full chunk, the end, or a partial chunk after a short while. */
    private void awaitChunk() throws InterruptedIOException {
        try {
            while (!ended && full.isEmpty()) {
                boolean signalled = chunkReady.await(MAX_BATCH_WAIT_MS, TimeUnit.MILLISECONDS);
                if (!signalled && filling != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted reading a remote command's output");
        }
    }

    private void recycle(List<Chunk> written) {
        lock.lock();
        try {
            written.forEach(chunk -> spare.push(chunk.bytes));
        } finally {
            lock.unlock();
        }
        written.clear();
    }

    /** Frees queued output after the caller gave up on this command. */
    void discardQueued() {
        lock.lock();
        try {
            full.clear();
            filling = null;
            spare.clear();
        } finally {
            lock.unlock();
        }
    }

    /** A chunk's bytes and how many of them hold output. */
    private static final class Chunk {
        private final byte[] bytes;
        private int length;

        Chunk(byte[] bytes) {
            this.bytes = bytes;
        }
    }
}
