package bbr.artifact.goyaml;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The order in which the original's YAML library (gopkg.in/yaml.v2 v2.4.0, {@code keyList.Less}) writes the keys
 * of a string map, applied to the raw bytes of the keys. It compares rune by rune: two letters by code point, a
 * letter after anything else, and otherwise the runs of digits from the first difference on as numbers.
 *
 * <p>That rule is not transitive once a letter meets a digit inside a number ({@code 10 < 1a}, {@code 1a < 9f},
 * {@code 9f < 10}), so for such key sets (a blobstore's hex directories are one) the original's own output depends on
 * Go's random map order and differs from run to run. Sorted with this comparator by a merge sort, a set on which the
 * rule is consistent comes out exactly as the original writes it, and any other set in one fixed order. It must not
 * be given to {@link java.util.Arrays#sort(Object[], Comparator)}, which may reject an inconsistent comparator.
 */
public final class GoKeyOrder implements Comparator<byte[]> {

    public static final GoKeyOrder INSTANCE = new GoKeyOrder();

    private GoKeyOrder() {
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        // Names are mostly ASCII, whose bytes are their runes: no decoding, no allocation, on the sort's hot path.
        Runes ar = runes(a);
        Runes br = runes(b);
        int first = firstDifference(ar, br);
        if (first < 0) {
            // One is a prefix of the other: the shorter first, as Go's. Equal as runes (different invalid bytes
            // both read as U+FFFD): Go leaves them in any order; fix one.
            int shorter = Integer.compare(ar.length(), br.length());
            return shorter != 0 ? shorter : Arrays.compareUnsigned(a, b);
        }
        // keyList.Less decides at the first differing rune, and each of its rules there is antisymmetric: one pass
        // tells less(a, b) from less(b, a).
        return lessAt(ar, br, first) ? -1 : 1;
    }

    /** A string's runes: its bytes when it is ASCII, else Go's decoding of them. */
    private interface Runes {
        int length();

        int at(int i);
    }

    private record AsciiRunes(byte[] bytes) implements Runes {
        public int length() {
            return bytes.length;
        }

        public int at(int i) {
            return bytes[i];
        }
    }

    private record DecodedRunes(int[] runes) implements Runes {
        public int length() {
            return runes.length;
        }

        public int at(int i) {
            return runes[i];
        }
    }

    private static Runes runes(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return new DecodedRunes(GoRunes.of(bytes));
            }
        }
        return new AsciiRunes(bytes);
    }

    /** The first index where the runes differ, or -1 when one string is a prefix of the other. */
    private static int firstDifference(Runes a, Runes b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            if (a.at(i) != b.at(i)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code keyList.Less} for two strings whose runes first differ at {@code i}. */
    private static boolean lessAt(Runes a, Runes b, int i) {
        int ar = a.at(i);
        int br = b.at(i);
        boolean al = Character.isLetter(ar);
        boolean bl = Character.isLetter(br);
        if (al && bl) {
            return ar < br;
        }
        if (al || bl) {
            return bl;
        }
        return digitRunLess(a, b, i);
    }

    private static boolean digitRunLess(Runes a, Runes b, int i) {
        long an = 0;
        long bn = 0;
        // A run that continues a nonzero number keeps its leading zeros significant ("a100" after "a19").
        if (a.at(i) == '0' || b.at(i) == '0') {
            for (int j = i - 1; j >= 0 && Character.isDigit(a.at(j)); j--) {
                if (a.at(j) != '0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        int ai = i;
        for (; ai < a.length() && Character.isDigit(a.at(ai)); ai++) {
            an = an * 10 + (a.at(ai) - '0'); // Go's int64 arithmetic, overflow and non-ASCII digits included
        }
        int bi = i;
        for (; bi < b.length() && Character.isDigit(b.at(bi)); bi++) {
            bn = bn * 10 + (b.at(bi) - '0');
        }
        if (an != bn) {
            return an < bn;
        }
        if (ai != bi) {
            return ai < bi;
        }
        return a.at(i) < b.at(i);
    }
}
