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
        int[] ar = GoRunes.of(a);
        int[] br = GoRunes.of(b);
        if (less(ar, br)) {
            return -1;
        }
        if (less(br, ar)) {
            return 1;
        }
        // Equal as runes (different invalid bytes both read as U+FFFD): Go leaves them in any order; fix one.
        return Arrays.compareUnsigned(a, b);
    }

    /** {@code keyList.Less} for two strings, rune for rune. */
    static boolean less(int[] ar, int[] br) {
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return bl;
            }
            return digitRunLess(ar, br, i);
        }
        return ar.length < br.length;
    }

    private static boolean digitRunLess(int[] ar, int[] br, int i) {
        long an = 0;
        long bn = 0;
        // A run that continues a nonzero number keeps its leading zeros significant ("a100" after "a19").
        if (ar[i] == '0' || br[i] == '0') {
            for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                if (ar[j] != '0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        int ai = i;
        for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
            an = an * 10 + (ar[ai] - '0'); // Go's int64 arithmetic, overflow and non-ASCII digits included
        }
        int bi = i;
        for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
            bn = bn * 10 + (br[bi] - '0');
        }
        if (an != bn) {
            return an < bn;
        }
        if (ai != bi) {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
}
