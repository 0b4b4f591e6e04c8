package bbr.testbed.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What every case needs: the checkout (for {@code bin/bbr}), a scratch directory, the number of rounds whose median
 * is reported, a factor on every data size ({@code SCALE=0.01} checks that the cases work in a minute or two), and
 * optionally another checkout to compare with.
 */
record BenchSettings(Path root, Path work, int rounds, double scale, Optional<Path> baselineRoot) {

    Path bbr() {
        return root.resolve("bin/bbr");
    }

    /**
     * {@code bin/bbr} of another built checkout ({@code BENCH_BASELINE=DIR}), which the transfer cases then also run
     * in turns with this one: an A/B of two builds in one process, on the same VMs and the same machine load.
     */
    Optional<Path> baselineBbr() {
        return baselineRoot.map(dir -> dir.resolve("bin/bbr"));
    }

    /** {@code fullSize} times the scale, at least 1 MiB. */
    long bytes(long fullSize) {
        return Math.max(1L << 20, Math.round(fullSize * scale));
    }

    /** "4 GiB", "256 MiB", "41 MiB": for step names, so a scaled run says what it measured. */
    static String label(long bytes) {
        return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB"
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
