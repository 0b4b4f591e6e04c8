package bbr.orchestration;

import bbr.log.Logger;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reports upload progress of a local artifact like the drain's; closing it closes the file and ends the copy. */
final class ProgressInput extends FilterInputStream {

    private final CopyProgress progress;

    ProgressInput(InputStream in, Logger logger, Cancellation cancellation, String label, long expected) {
        super(in);
        this.progress = new CopyProgress(OutputStream.nullOutputStream(), logger, cancellation, label, expected);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            progress.advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        if (n > 0) {
            progress.advance(n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            progress.close();
        }
    }
}
