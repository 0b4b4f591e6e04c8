package bbr.testbed.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Tar streams held in memory, laid out as {@code tar -C DIR -c .} writes them: a "./" entry, then "./NAME" files. */
final class TarImages {

    private static final int BLOCK = 512;

    private TarImages() {
    }

    /** A tar of {@code count} regular files of {@code size} random bytes each (the same bytes in every file). */
    static byte[] of(int count, int size) {
        byte[] content = new byte[size];
        new Random(5).nextBytes(content);
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        long capacity = BLOCK + count * (BLOCK + padded) + 2L * BLOCK + 10240;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.toIntExact(capacity));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.putArchiveEntry(new TarArchiveEntry("./"));
            tar.closeArchiveEntry();
            for (int i = 0; i < count; i++) {
                TarArchiveEntry entry = new TarArchiveEntry(String.format("./file-%04d", i));
                entry.setSize(size);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
