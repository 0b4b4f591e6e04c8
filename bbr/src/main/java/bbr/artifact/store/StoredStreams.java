package bbr.artifact.store;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The one place where a stored file's stream stages are put together. Writing: plain bytes, then the backup's
 * {@link Encoding} (zstd, age), then the count and SHA-256 of the stored bytes, then the place's writer. Reading:
 * the place's bytes, counted and checked against what metadata recorded, then the {@link Decoding}.
 */
public final class StoredStreams {

    /** Big writes: the encoders hand on 8-64 KiB at a time, and every write to a file is a system call. */
    private static final int BUFFER = 1 << 20;
    /** An encoded file's plain bytes wait in at most this many buffers of {@link #BUFFER} for its encoding thread. */
    private static final int BEHIND = 3;
    /** How long a discarded file waits for its encoding thread, stopped mid-write, before leaving its stages be. */
    private static final long STOP_WAIT_MILLIS = 30_000;

    private StoredStreams() {
    }

    /** Starts a file: {@code writer} from a {@link BackupFiles}, written with the backup's {@code encoding}. */
    public static Writing write(StoredFileWriter writer, Encoding encoding) throws IOException {
        return new Writing(writer, encoding);
    }

    /**
     * Reads a stored file back to plain bytes. With {@code expected} (what metadata recorded), reaching the end of
     * the stream checks the stored bytes' size and SHA-256 and fails naming {@code file} when they differ.
     *
     * @param onStored wraps the stored bytes before they are decoded (progress counts them)
     */
    public static InputStream read(InputStream stored, String encoding, StoredFile expected, Decoding decoding,
                                   String file, java.util.function.UnaryOperator<InputStream> onStored)
            throws IOException {
        InputStream checked = stored;
        if (expected != null) { // a plain file has nothing recorded of its stored bytes: they are not hashed
            CountingDigest digest = new CountingDigest();
            checked = new Checked(digest.counting(stored), digest, expected, file);
        }
        try {
            return decoding.decode(onStored.apply(checked), encoding, file);
        } catch (IOException | RuntimeException e) {
            checked.close();
            throw e;
        }
    }

    /** A file being written: its plain side, and what {@link #finish} says of the stored bytes. */
    public static final class Writing {
        private final StoredFileWriter writer;
        private final CountingDigest stored;
        private final Unclosable place;
        private final OutputStream stages;
        private final OutputStream encoded;
        private final WriteBehind behind;
        private final OutputStream plain;
        private boolean ended;
        private boolean stagesClosed;

        private Writing(StoredFileWriter writer, Encoding encoding) throws IOException {
            this.writer = writer;
            this.stored = encoding.isPlain() ? CountingDigest.countOnly() : new CountingDigest();
            this.place = new Unclosable(writer.stream());
            this.stages = encoding.encode(new BufferedOutputStream(stored.counting(place), BUFFER));
            // Encoding costs about 2 CPU s per GiB (zstd's hand-over, ChaCha20-Poly1305, SHA-256): on a thread of
            // its own it overlaps with the copy's thread instead of lengthening it.
            this.behind = encoding.isPlain() ? null : new WriteBehind(stages, BEHIND, BUFFER,
                    "bbr-encode-" + encoding.name());
            this.encoded = behind != null ? behind : stages;
            this.plain = new FilterOutputStream(encoded) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    end();
                }
            };
        }

        /** Where the plain bytes go; closing it ends the encoding, and leaves the file for {@link #finish}. */
        public OutputStream plain() {
            return plain;
        }

        /** Ends the encoding if the plain side was not closed, commits the file, and says what was stored. */
        public Stored finish() throws IOException {
            end();
            writer.commit();
            return new Stored(stored.count(), stored.sha256());
        }

        /** Discards the file unless {@link #finish} committed it. */
        public void discard() throws IOException {
            if (stagesClosed) {
                writer.close();
                return;
            }
            // A copy that failed half-way: its stages still hold zstd's native context, freed only by their close.
            // They are closed with the place cut off, so that none of their last bytes reach the file or object.
            place.cut();
            if (behind != null) {
                behind.abandon();
            }
            try {
                writer.close();
            } finally {
                if (behind == null || behind.awaitStopped(STOP_WAIT_MILLIS)) { // the stages are ours alone again
                    closeQuietly(stages);
                }
            }
        }

        private void end() throws IOException {
            if (!ended) {
                ended = true;
                encoded.close(); // the encoders' last frame or chunk, then the flush down to the file
                stagesClosed = true;
            }
        }

        private static void closeQuietly(OutputStream stages) {
            try {
                stages.close();
            } catch (IOException | RuntimeException e) {
                // the file is being discarded: only the release of the encoders' memory was wanted
            }
        }
    }

    /** Size and SHA-256 of what was stored; no SHA-256 (null) for a plain file, whose metadata has none. */
    public record Stored(long size, String sha256) {
    }

    /**
     * The place's stream under the stages: closing the stages flushes it, the writer closes it. Once {@link #cut},
     * it drops what it is given: a discarded file's stages are closed through it without writing to the place.
     */
    private static final class Unclosable extends FilterOutputStream {
        private volatile boolean cut;

        Unclosable(OutputStream out) {
            super(out);
        }

        void cut() {
            cut = true;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!cut) {
                out.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!cut) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Checks the stored bytes against metadata once the last of them was read. */
    private static final class Checked extends FilterInputStream {
        private final CountingDigest digest;
        private final StoredFile expected;
        private final String file;
        private boolean checked;

        Checked(InputStream in, CountingDigest digest, StoredFile expected, String file) {
            super(in);
            this.digest = digest;
            this.expected = expected;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = in.read(bytes, offset, length);
            if (n < 0) {
                check();
            }
            return n;
        }

        private void check() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            if (digest.count() != expected.size()) {
                throw new IOException(String.format(Locale.ROOT, "%s has %d bytes, but the metadata records %d: the"
                        + " file was cut short or changed", file, digest.count(), expected.size()));
            }
            String actual = digest.sha256();
            if (!actual.equalsIgnoreCase(expected.sha256())) {
                throw new IOException(file + " does not match the SHA-256 of the stored file in the metadata: the"
                        + " file was changed after the backup (sha256 " + actual + ", recorded " + expected.sha256()
                        + ")");
            }
        }
    }
}
