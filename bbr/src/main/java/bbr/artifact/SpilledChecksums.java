package bbr.artifact;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A finished {@link ChecksumSpill}: sorted runs on disk plus the last one in memory. {@link #replay} merges them in
 * the spill's order, holding one entry and one read buffer per run; {@link #close} removes the files.
 */
public final class SpilledChecksums implements ChecksumSet, AutoCloseable {

    /** One entry as the spill holds it. */
    record Entry(byte[] name, byte[] sum) {
    }

    private final Fingerprint fingerprint;
    private final List<Path> runs;
    private final List<Entry> tail;
    private final Comparator<byte[]> order;

    SpilledChecksums(Fingerprint fingerprint, List<Path> runs, List<Entry> tail, Comparator<byte[]> order) {
        this.fingerprint = fingerprint;
        this.runs = runs;
        this.tail = tail;
        this.order = order;
    }

    @Override
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public void replay(ChecksumSink sink) throws IOException {
        try (Cursor cursor = cursor()) {
            for (Entry entry; (entry = cursor.next()) != null; ) {
                sink.accept(entry.name(), entry.sum());
            }
        }
    }

    /** Pulls the entries one by one, in the spill's order; close it to release the run files' streams. */
    Cursor cursor() throws IOException {
        return new Cursor();
    }

    @Override
    public void close() {
        runs.forEach(SpilledChecksums::delete);
    }

    static void write(DataOutputStream out, Entry entry) throws IOException {
        out.writeInt(entry.name().length);
        out.write(entry.name());
        out.writeInt(entry.sum().length);
        out.write(entry.sum());
    }

    static void readRun(Path run, ChecksumSink sink) throws IOException {
        try (RunReader reader = new RunReader(run)) {
            while (reader.advance()) {
                sink.accept(reader.current.name(), reader.current.sum());
            }
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the scratch directory is removed as a whole at the end of the run
        }
    }

    /** The merge of the runs: the head of each in a queue ordered by the spill's order (runs one after another without one). */
    final class Cursor implements AutoCloseable {
        private final List<RunReader> readers = new ArrayList<>();
        private final PriorityQueue<RunReader> heads;
        private int sequential;

        private Cursor() throws IOException {
            heads = order == null ? null
                    : new PriorityQueue<>(runs.size() + 1, (a, b) -> order.compare(a.current.name(), b.current.name()));
            try {
                for (Path run : runs) {
                    readers.add(new RunReader(run));
                }
                readers.add(new RunReader(tail));
                if (heads != null) {
                    for (RunReader reader : readers) {
                        if (reader.advance()) {
                            heads.add(reader);
                        }
                    }
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        /** The next entry, or {@code null} at the end. */
        Entry next() throws IOException {
            if (heads == null) {
                while (sequential < readers.size()) {
                    if (readers.get(sequential).advance()) {
                        return readers.get(sequential).current;
                    }
                    sequential++;
                }
                return null;
            }
            RunReader head = heads.poll();
            if (head == null) {
                return null;
            }
            Entry entry = head.current;
            if (head.advance()) {
                heads.add(head);
            }
            return entry;
        }

        @Override
        public void close() throws IOException {
            for (RunReader reader : readers) {
                reader.close();
            }
        }
    }

    /** The next entry of one run, from a file or from memory. */
    private static final class RunReader implements AutoCloseable {
        private final DataInputStream in;
        private final java.util.Iterator<Entry> memory;
        private Entry current;

        RunReader(Path run) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
            this.memory = null;
        }

        RunReader(List<Entry> entries) {
            this.in = null;
            this.memory = entries.iterator();
        }

        boolean advance() throws IOException {
            if (memory != null) {
                current = memory.hasNext() ? memory.next() : null;
                return current != null;
            }
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                current = null;
                return false;
            }
            byte[] name = in.readNBytes(length);
            byte[] sum = in.readNBytes(in.readInt());
            current = new Entry(name, sum);
            return true;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
