package bbr.artifact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A plain top-down merge sort. The JDK's sorts may throw when a comparator is not transitive, and yaml.v2's key
 * order is not for some key sets ({@link bbr.artifact.goyaml.GoKeyOrder}); this one always finishes, in an order
 * fixed by the input and its order.
 */
final class MergeSort {

    private MergeSort() {
    }

    static <T> void sort(List<T> list, Comparator<? super T> order) {
        if (list.size() < 2) {
            return;
        }
        List<T> scratch = new ArrayList<>(list);
        sort(scratch, list, 0, list.size(), order);
    }

    /** Sorts {@code source[from, to)} into {@code target[from, to)}; both start with the same elements. */
    private static <T> void sort(List<T> source, List<T> target, int from, int to, Comparator<? super T> order) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        sort(target, source, from, middle, order);
        sort(target, source, middle, to, order);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && order.compare(source.get(left), source.get(right)) <= 0)) {
                target.set(i, source.get(left++));
            } else {
                target.set(i, source.get(right++));
            }
        }
    }
}
