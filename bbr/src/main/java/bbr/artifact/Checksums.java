package bbr.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small checksum set held in memory, for tests and tiny artifacts: {@code ./dir/file} names in the original's
 * key order. Production paths use {@link ChecksumSpill}, whose memory does not grow with the file count.
 */
public final class Checksums implements ChecksumSet {

    private final List<SpilledChecksums.Entry> entries = new ArrayList<>();
    private final Fingerprint fingerprint;

    private Checksums(Map<String, String> byFile) {
        Fingerprint.Accumulator accumulator = new Fingerprint.Accumulator();
        byFile.forEach((file, sum) -> {
            byte[] name = file.getBytes(StandardCharsets.UTF_8);
            byte[] hex = sum.getBytes(StandardCharsets.US_ASCII);
            entries.add(new SpilledChecksums.Entry(name, hex));
            accumulator.accept(name, hex);
        });
        MergeSort.sort(entries, (a, b) -> bbr.artifact.goyaml.GoKeyOrder.INSTANCE.compare(a.name(), b.name()));
        fingerprint = accumulator.fingerprint();
    }

    public static Checksums of(Map<String, String> byFile) {
        return new Checksums(Objects.requireNonNull(byFile));
    }

    @Override
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public void replay(ChecksumSink sink) throws IOException {
        for (SpilledChecksums.Entry entry : entries) {
            sink.accept(entry.name(), entry.sum());
        }
    }
}
