package bbr.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * Renders log events as the original bbr's lines, {@code [bbr] 2026/11/27 00:15:00 INFO - message}, in local
 * time, skipping DEBUG unless asked for; pipelines grep these lines, so the layout must not drift.
 */
public final class LinePrinter implements Logger {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final Consumer<String> lines;
    private final boolean debug;
    private final Clock clock;

    public LinePrinter(PrintStream out, boolean debug, Clock clock) {
        this(line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }, debug, clock);
    }

    /** Hands every finished line to {@code lines}, which must be safe to call from several threads. */
    public LinePrinter(Consumer<String> lines, boolean debug, Clock clock) {
        this.lines = lines;
        this.debug = debug;
        this.clock = clock;
    }

    @Override
    public void log(Level level, String message) {
        if (level == Level.DEBUG && !debug) {
            return;
        }
        // A log is text: NUL-separated remote output (checksums under --debug) would make grep call it binary.
        lines.accept("[bbr] " + ZonedDateTime.now(clock).format(TIME) + " " + level + " - "
                + message.replace("\0", "\\0"));
    }
}
