package bbr.orchestration;

import bbr.log.Logger;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reports upload progress of a local artifact in the same 5 % steps as the drain. */
final class ProgressInput extends FilterInputStream {

    private final CopyProgress progress;

    ProgressInput(InputStream in, Logger logger, String label, long expected) {
        super(in);
        this.progress = new CopyProgress(OutputStream.nullOutputStream(), logger, label, expected);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            progress.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        if (n > 0) {
            progress.write(bytes, offset, n);
        }
        return n;
    }
}
