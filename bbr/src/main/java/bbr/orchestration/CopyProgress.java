package bbr.orchestration;

import bbr.log.Logger;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts the bytes of one artifact copy and logs "-- N% complete" each time another 5 % of the expected size
 * has passed, as the original does on a pipe.
 */
final class CopyProgress extends FilterOutputStream {

    private static final int STEP_PERCENT = 5;

    private final Logger logger;
    private final String label;
    private final long expected;
    private long copied;
    private int lastReported;

    CopyProgress(OutputStream out, Logger logger, String label, long expected) {
        super(out);
        this.logger = logger;
        this.label = label;
        this.expected = expected;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        advance(1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        advance(length);
    }

    long copied() {
        return copied;
    }

    private void advance(int length) {
        copied += length;
        if (expected <= 0) {
            return;
        }
        int percent = (int) Math.min(100, copied * 100 / expected);
        if (percent >= lastReported + STEP_PERCENT) {
            lastReported = percent - percent % STEP_PERCENT;
            logger.info("Copying backup for job %s -- %d%% complete", label, lastReported);
        }
    }
}
