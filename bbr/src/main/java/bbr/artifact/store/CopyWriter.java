package bbr.artifact.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * One file written to every good destination of a {@link Copies} at once. A destination whose write, commit or
 * verification fails is marked failed and its partial file discarded at close; the others carry on. The writer
 * fails only when no destination is left.
 */
final class CopyWriter implements StoredFileWriter {

    /** Throws when no destination is left. */
    interface Guard {
        void check() throws IOException;
    }

    private record Open(Destination destination, StoredFileWriter writer) {
    }

    private final String file;
    private final List<Open> writers = new ArrayList<>();
    private final MessageDigest sent;
    private final Guard guard;
    private final boolean provisional;
    private final OutputStream stream = new Tee();
    private long written;

    /** @param provisional each destination's {@linkplain BackupFiles#createProvisional provisional} file */
    CopyWriter(String file, List<Destination> destinations, boolean readBack, boolean provisional, Guard guard)
            throws IOException {
        this.file = file;
        this.guard = guard;
        this.sent = readBack ? sha256() : null;
        this.provisional = provisional;
        for (Destination destination : destinations) {
            try {
                BackupFiles files = destination.files();
                writers.add(new Open(destination, provisional ? files.createProvisional(file) : files.create(file)));
            } catch (IOException e) {
                destination.fail("cannot create " + file + ": " + e.getMessage());
            }
        }
        guard.check();
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    /** Commits and verifies each copy on its own; fails only when none of them holds the file. */
    @Override
    public void commit() throws IOException {
        for (Open open : writers) {
            if (open.destination().isGood()) {
                try {
                    open.writer().commit();
                    if (!provisional) {
                        verify(open.destination());
                    }
                } catch (IOException e) {
                    open.destination().fail("cannot store " + file + ": " + e.getMessage());
                }
            }
        }
        guard.check();
    }

    /** Discards the file wherever it was not committed (every failed destination's partial file). */
    @Override
    public void close() {
        for (Open open : writers) {
            try {
                open.writer().close();
            } catch (IOException e) {
                open.destination().fail("cannot discard the partial " + file + ": " + e.getMessage());
            }
        }
    }

    /** The stored size is what was sent; with read-back, so is the SHA-256 of what the place returns. */
    private void verify(Destination destination) throws IOException {
        OptionalLong size = destination.files().size(file);
        if (size.isEmpty() || size.getAsLong() != written) {
            destination.files().remove(file);
            throw new IOException(file + " holds " + (size.isPresent() ? size.getAsLong() + " bytes" : "nothing")
                    + " there after the commit, not the " + written + " sent; it was removed");
        }
        if (sent != null) {
            byte[] expected = ((MessageDigest) cloneOf(sent)).digest();
            MessageDigest stored = sha256();
            try (InputStream in = destination.files().open(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0;) {
                    stored.update(buffer, 0, n);
                }
            }
            if (!Arrays.equals(expected, stored.digest())) {
                destination.files().remove(file);
                throw new IOException(file + " read back there differs from the bytes sent (SHA-256); it was removed");
            }
        }
    }

    private final class Tee extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (Open open : writers) {
                if (open.destination().isGood()) {
                    try {
                        open.writer().stream().write(b, off, len);
                    } catch (IOException e) {
                        open.destination().fail("cannot write " + file + ": " + e.getMessage());
                    }
                }
            }
            guard.check();
            if (sent != null) {
                sent.update(b, off, len);
            }
            written += len;
        }

        @Override
        public void flush() throws IOException {
            for (Open open : writers) {
                if (open.destination().isGood()) {
                    try {
                        open.writer().stream().flush();
                    } catch (IOException e) {
                        open.destination().fail("cannot write " + file + ": " + e.getMessage());
                    }
                }
            }
            guard.check();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Object cloneOf(MessageDigest digest) {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned", e);
        }
    }
}
