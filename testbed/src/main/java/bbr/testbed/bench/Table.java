package bbr.testbed.bench;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table: per case and step a baseline (the floor, a plain-ssh loop, {@code java -version}, or a
 * budget), bbr's figure, bbr / baseline, and the target for that ratio. Rows print as cases finish.
 */
final class Table {

    private static final String ROW = "%-20s %-34s %10s %10s %7s %7s %s%n";

    private Table() {
    }

    static void header() {
        System.out.printf(Locale.ROOT, ROW, "case", "step", "baseline", "bbr", "ratio", "target", "");
    }

    /** A row whose ratio is {@code bbr / baseline}, checked against {@code target} (0: no target). */
    static void row(String name, String step, double baseline, double bbr, double target) {
        row(name, step, baseline, bbr, bbr / baseline, target);
    }

    static void row(String name, String step, double baseline, double bbr, double ratio, double target) {
        System.out.printf(Locale.ROOT, ROW, name, step, number(baseline), number(bbr),
                String.format(Locale.ROOT, "%.2fx", ratio), target > 0 ? String.format(Locale.ROOT, "%.2fx", target)
                        : "-", target <= 0 ? "" : ratio <= target ? "ok" : "OVER");
        System.out.flush();
    }

    /** A row of bbr's figure alone: what a phase of its run took, with nothing to compare it with. */
    static void info(String name, String step, double bbr) {
        System.out.printf(Locale.ROOT, ROW, name, step, "-", number(bbr), "-", "-", "");
        System.out.flush();
    }

    /** The median of the rounds; the upper one of an even count. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
