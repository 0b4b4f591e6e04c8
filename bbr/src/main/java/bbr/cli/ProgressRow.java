package bbr.cli;

import bbr.artifact.Sizes;
import java.time.Duration;

/**
 * One line of the terminal's progress block: what is copied, how far, how fast, and how long it should still take,
 * cut to the terminal's width so that the block never wraps (a wrapped row would break redrawing in place).
 */
final class ProgressRow {

    /** Below this the throughput is noise, and so would be the ETA computed from it. */
    private static final Duration SETTLING = Duration.ofMillis(500);
    private static final int BAR = 20;
    /** A bar only when the label still gets this much room. */
    private static final int ROOM_FOR_BAR = 100;

    private ProgressRow() {
    }

    static String format(String label, long bytes, long expected, Duration elapsed, int width) {
        boolean known = expected > 0;
        int percent = known ? (int) Math.min(100, bytes * 100 / expected) : -1;
        String rate = "--/s";
        String eta = "ETA --:--";
        if (elapsed.compareTo(SETTLING) >= 0) {
            long perSecond = bytes * 1000 / Math.max(1, elapsed.toMillis());
            rate = Sizes.human(perSecond) + "/s";
            if (known && perSecond > 0) {
                eta = "ETA " + clock(Math.max(0, expected - bytes) / perSecond);
            }
        }
        // Fixed widths keep the columns still from one redraw to the next.
        String stats = String.format("%4s  %13s  %7s  %-11s", known ? percent + "%" : "--%",
                Sizes.human(bytes) + " / " + (known ? Sizes.human(expected) : "?"), rate, eta);
        if (width >= ROOM_FOR_BAR) {
            int filled = Math.max(0, percent) * BAR / 100;
            stats = (known ? "[" + "=".repeat(filled) + " ".repeat(BAR - filled) + "] " : " ".repeat(BAR + 3)) + stats;
        }
        int room = Math.max(10, width - 1 - 4 - stats.length());
        return fit("  " + fit(label, room, true) + "  " + stats, width - 1).stripTrailing();
    }

    private static String fit(String text, int width, boolean pad) {
        if (text.length() > width) {
            return width <= 3 ? text.substring(0, Math.max(0, width)) : text.substring(0, width - 3) + "...";
        }
        return pad ? text + " ".repeat(width - text.length()) : text;
    }

    private static String fit(String text, int width) {
        return text.length() > width ? text.substring(0, Math.max(0, width)) : text;
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
