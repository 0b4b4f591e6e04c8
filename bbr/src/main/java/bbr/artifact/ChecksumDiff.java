package bbr.artifact;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which files two checksum sets disagree on. Equal fingerprints settle it at once; otherwise both sets are sorted
 * by their names' bytes through spill files and walked side by side, keeping the first names and a count.
 *
 * @param shown the first files (sorted) whose checksums differ or that only one side has
 * @param total how many such files there are in all
 */
public record ChecksumDiff(List<String> shown, long total) {

    static final int SHOWN = 10;
    private static final ChecksumDiff NONE = new ChecksumDiff(List.of(), 0);

    public boolean isEmpty() {
        return total == 0;
    }

    public static ChecksumDiff between(ChecksumSet one, ChecksumSet other, Scratch scratch) throws IOException {
        if (one.fingerprint().matches(other.fingerprint())) {
            return NONE;
        }
        try (SpilledChecksums left = sortedByName(one, scratch);
             SpilledChecksums right = sortedByName(other, scratch)) {
            return walk(left, right);
        }
    }

    /** The original's drain/restore failure text, listing at most ten files. */
    public String describe() {
        return "checksums don't match for " + shown + ". Checksum failed for " + total + " files in total";
    }

    private static SpilledChecksums sortedByName(ChecksumSet set, Scratch scratch) throws IOException {
        ChecksumSpill spill = new ChecksumSpill(scratch, Arrays::compareUnsigned);
        try {
            set.replay(spill);
            return spill.finish();
        } finally {
            spill.close();
        }
    }

    /** Both sides in name order, walked side by side. */
    private static ChecksumDiff walk(SpilledChecksums left, SpilledChecksums right) throws IOException {
        List<String> shown = new ArrayList<>();
        long[] total = {0};
        try (SpilledChecksums.Cursor l = left.cursor(); SpilledChecksums.Cursor r = right.cursor()) {
            SpilledChecksums.Entry a = l.next();
            SpilledChecksums.Entry b = r.next();
            while (a != null || b != null) {
                int c = a == null ? 1 : b == null ? -1 : Arrays.compareUnsigned(a.name(), b.name());
                if (c < 0) {
                    note(shown, total, a.name());
                    a = l.next();
                } else if (c > 0) {
                    note(shown, total, b.name());
                    b = r.next();
                } else {
                    if (!Arrays.equals(a.sum(), b.sum())) {
                        note(shown, total, a.name());
                    }
                    a = l.next();
                    b = r.next();
                }
            }
        }
        return new ChecksumDiff(List.copyOf(shown), total[0]);
    }

    private static void note(List<String> shown, long[] total, byte[] name) {
        total[0]++;
        if (shown.size() < SHOWN) {
            shown.add(FileNames.canonical(name));
        }
    }
}
