package bbr.artifact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** SHA-256 hex digests of an artifact's regular files, keyed by their tar names ({@code ./dir/file}). */
public record Checksums(SortedMap<String, String> byFile) {

    public Checksums {
        byFile = Collections.unmodifiableSortedMap(new TreeMap<>(byFile));
    }

    public static Checksums of(Map<String, String> byFile) {
        return new Checksums(new TreeMap<>(byFile));
    }

    /**
     * Files whose digests differ or that only one side has, sorted; empty when the two match. The original
     * reported "[]" and "0 files" when one side was empty (issue #724); naming every file avoids that.
     */
    public List<String> mismatchesWith(Checksums other) {
        Set<String> names = new TreeSet<>(byFile.keySet());
        names.addAll(other.byFile.keySet());
        List<String> mismatched = new ArrayList<>();
        for (String name : names) {
            if (!java.util.Objects.equals(byFile.get(name), other.byFile.get(name))) {
                mismatched.add(name);
            }
        }
        return mismatched;
    }

    /** The original's drain/restore failure text, listing at most ten files. */
    public static String describeMismatch(List<String> files) {
        List<String> shown = files.subList(0, Math.min(10, files.size()));
        return "checksums don't match for " + shown + ". Checksum failed for " + files.size() + " files in total";
    }
}
