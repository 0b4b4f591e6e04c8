package bbr.artifact;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects checksum entries into bounded memory: once {@value #DEFAULT_RUN_BYTES} bytes of entries are held they
 * are sorted (when an order is given) and written to a run file under the scratch directory, so that
 * {@link #finish} can merge the runs back in order (an external merge sort). Small sets never touch the disk.
 */
public final class ChecksumSpill implements ChecksumSink, AutoCloseable {

    /** Small enough that a run's entries die in the young generation: promoted, they would grow the JVM's RSS. */
    static final int DEFAULT_RUN_BYTES = 4 << 20;
    /** The most a finished set keeps in memory rather than in a last run file. */
    static final int KEPT_BYTES = 256 << 10;
    /** What an entry costs on the heap beyond its bytes: two arrays and the entry object. */
    private static final int ENTRY_OVERHEAD = 64;

    private final Scratch scratch;
    private final Comparator<byte[]> order;
    private final int runBytes;
    private final Fingerprint.Accumulator fingerprint = new Fingerprint.Accumulator();
    private final List<Path> runs = new ArrayList<>();
    private List<SpilledChecksums.Entry> buffer = new ArrayList<>();
    private long buffered;
    private boolean finished;

    /** @param order how {@link SpilledChecksums#replay} streams the entries; {@code null} for as they came */
    public ChecksumSpill(Scratch scratch, Comparator<byte[]> order) {
        this(scratch, order, DEFAULT_RUN_BYTES);
    }

    ChecksumSpill(Scratch scratch, Comparator<byte[]> order, int runBytes) {
        this.scratch = scratch;
        this.order = order;
        this.runBytes = runBytes;
    }

    /** Entries are the caller's: a reused buffer must be copied before it is handed over. */
    @Override
    public void accept(byte[] name, byte[] sha256Hex) throws IOException {
        if (finished) {
            throw new IllegalStateException("the spill is finished");
        }
        fingerprint.accept(name, sha256Hex);
        buffer.add(new SpilledChecksums.Entry(name, sha256Hex));
        buffered += name.length + sha256Hex.length + ENTRY_OVERHEAD;
        if (buffered >= runBytes) {
            writeRun();
        }
    }

    /** The entries so far, as they came; the spill stays open. */
    void replaySoFar(ChecksumSink sink) throws IOException {
        for (Path run : runs) {
            SpilledChecksums.readRun(run, sink);
        }
        for (SpilledChecksums.Entry entry : List.copyOf(buffer)) {
            sink.accept(entry.name(), entry.sum());
        }
    }

    /**
     * Ends the collection; the result owns the run files. Only a small last run stays in memory: a finished set
     * waits for the end of the backup, and a deployment may have many jobs.
     */
    public SpilledChecksums finish() throws IOException {
        if (buffered > KEPT_BYTES) {
            writeRun();
        }
        finished = true;
        if (order != null) {
            MergeSort.sort(buffer, (a, b) -> order.compare(a.name(), b.name()));
        }
        return new SpilledChecksums(fingerprint.fingerprint(), List.copyOf(runs), buffer, order);
    }

    /** Removes the run files when the spill is abandoned before {@link #finish}. */
    @Override
    public void close() {
        if (!finished) {
            runs.forEach(SpilledChecksums::delete);
            finished = true;
        }
    }

    private void writeRun() throws IOException {
        if (order != null) {
            MergeSort.sort(buffer, (a, b) -> order.compare(a.name(), b.name()));
        }
        Path run = scratch.newFile("checksums");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run),
                1 << 16))) {
            for (SpilledChecksums.Entry entry : buffer) {
                SpilledChecksums.write(out, entry);
            }
        } catch (IOException | UncheckedIOException e) {
            SpilledChecksums.delete(run);
            throw new IOException("could not write temporary checksums to " + run + ": " + e.getMessage(), e);
        }
        runs.add(run);
        buffer = new ArrayList<>();
        buffered = 0;
    }
}
