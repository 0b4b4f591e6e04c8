package bbr.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The per-file checksums of one artifact, kept out of the heap (spilled to disk, or left in the metadata file) so
 * that an artifact of millions of files costs bbr no more memory than one of ten: what is held is the count and the
 * {@link Fingerprint}, and the entries can be streamed again.
 */
public interface ChecksumSet {

    Fingerprint fingerprint();

    default long count() {
        return fingerprint().count();
    }

    /**
     * Streams every entry: in yaml.v2's key order for a set bbr built, in file order for one read from a metadata
     * file (which yaml.v2 wrote in that order).
     */
    void replay(ChecksumSink sink) throws IOException;

    /** Every entry as text, keyed like {@link FileNames#canonical}: for tests and small sets only. */
    default SortedMap<String, String> toMap() throws IOException {
        SortedMap<String, String> map = new TreeMap<>();
        replay((name, sum) -> map.put(FileNames.canonical(name), new String(sum, StandardCharsets.US_ASCII)));
        return map;
    }
}
