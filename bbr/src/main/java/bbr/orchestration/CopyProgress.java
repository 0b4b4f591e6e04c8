package bbr.orchestration;

import bbr.log.Logger;
import bbr.log.ProgressListener;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the bytes of one artifact copy and reports them to the logger's progress listener (the original's
 * "-- N% complete" lines on a pipe, a live status row on a terminal). Closing it ends the copy's progress but
 * leaves the stream underneath open: its owner closes that.
 */
final class CopyProgress extends FilterOutputStream {

    private final ProgressListener.Copy copy;
    private final Cancellation cancellation;
    private long copied;
    private boolean finished;

    CopyProgress(OutputStream out, Logger logger, Cancellation cancellation, String label, long expected) {
        super(out);
        this.cancellation = cancellation;
        this.copy = logger.progress().started(label, expected);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (cancellation.requested()) {
            throw new CancelledCopy();
        }
        out.write(bytes, offset, length);
        advance(length);
    }

    long copied() {
        return copied;
    }

    /** Counts bytes that passed elsewhere, for a reading copy ({@link ProgressInput}). */
    void advance(int length) throws IOException {
        if (cancellation.requested()) {
            throw new CancelledCopy();
        }
        copied += length;
        copy.advanced(copied);
    }

    /** The operator cancelled while bytes were flowing; told apart from I/O failures by its type. */
    static final class CancelledCopy extends IOException {
        CancelledCopy() {
            super("copy cancelled by the operator");
        }
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.flush();
        } finally {
            copy.finished();
        }
    }
}
