package bbr.encoding;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Zstandard frames as the {@code zstd} CLI writes and reads them, compressed on all of the jumpbox's cores. */
final class Zstd {

    static final int MIN_LEVEL = 1;
    static final int MAX_LEVEL = 19;
    static final int DEFAULT_LEVEL = 3;

    private Zstd() {
    }

    /**
     * Compresses into {@code out}; closing the result ends the frame and closes {@code out}. The frame carries its
     * content checksum, so that {@code zstd -d} and restore both notice a changed byte.
     */
    static OutputStream compress(OutputStream out, int level) throws IOException {
        ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, level);
        zstd.setChecksum(true);
        // zstd's own worker threads compress while the copy thread keeps reading from the VM
        zstd.setWorkers(Runtime.getRuntime().availableProcessors());
        return zstd;
    }

    static InputStream decompress(InputStream in) throws IOException {
        return new ZstdInputStreamNoFinalizer(in);
    }
}
