package bbr.cli;

import bbr.concurrent.Daemons;
import bbr.log.ProgressListener;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A terminal's screen: log lines scroll as usual, and below them a block with one row per artifact copy in flight
 * is redrawn in place (ANSI cursor-up and erase-down) five times a second. Every write takes the same lock and
 * erases the block first, so a log line is never cut by a row; the block disappears when the last copy ends.
 */
final class LiveScreen implements Screen, ProgressListener {

    private static final long REDRAW_MILLIS = 200;
    private static final String CURSOR_UP = "\u001b[%dA";
    private static final String ERASE_DOWN = "\u001b[J";

    private final PrintStream out;
    private final IntSupplier widthSource;
    private final LongSupplier nanoTime;
    private int width;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> held = new ArrayList<>();
    private int drawnLines;
    private boolean ticking;
    private boolean paused;

    LiveScreen(PrintStream out, IntSupplier width, LongSupplier nanoTime) {
        this.out = out;
        this.widthSource = width;
        this.nanoTime = nanoTime;
    }

    /** The terminal's width is asked for when the first row is drawn: most commands never draw one. */
    static LiveScreen on(PrintStream out) {
        return new LiveScreen(out, LiveScreen::columns, System::nanoTime);
    }

    @Override
    public synchronized void println(String text) {
        if (paused) {
            held.add(text);
            return;
        }
        erase();
        out.print(text);
        out.print('\n');
        draw();
        out.flush();
    }

    @Override
    public Optional<ProgressListener> progress() {
        return Optional.of(this);
    }

    @Override
    public Copy started(String label, long expectedBytes) {
        Row row = new Row(label, expectedBytes, nanoTime.getAsLong());
        synchronized (this) {
            rows.add(row);
            redraw();
            startTicking();
        }
        return row;
    }

    @Override
    public synchronized void pause() {
        erase();
        out.flush();
        paused = true;
    }

    @Override
    public synchronized void resume() {
        paused = false;
        held.forEach(line -> out.print(line + "\n"));
        held.clear();
        redraw();
    }

    /** Redraws the block with current numbers; the ticker calls it, tests may too. */
    synchronized void redraw() {
        if (paused) {
            return;
        }
        erase();
        draw();
        out.flush();
    }

    private synchronized void remove(Row row) {
        if (rows.remove(row)) {
            redraw();
        }
    }

    private void erase() {
        if (drawnLines > 0) {
            out.print("\r" + String.format(CURSOR_UP, drawnLines) + ERASE_DOWN);
            drawnLines = 0;
        }
    }

    private void draw() {
        if (rows.isEmpty()) {
            return;
        }
        if (width <= 0) {
            width = widthSource.getAsInt();
        }
        long now = nanoTime.getAsLong();
        for (Row row : rows) {
            out.print(ProgressRow.format(row.label, row.bytes, row.expected, Duration.ofNanos(now - row.startNanos),
                    width));
            out.print('\n');
            drawnLines++;
        }
    }

    private void startTicking() {
        if (ticking) {
            return;
        }
        ticking = true;
        Daemons.start(() -> {
            while (true) {
                try {
                    Thread.sleep(REDRAW_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    if (!rows.isEmpty()) {
                        redraw();
                    }
                }
            }
        }, "bbr-progress");
    }

    /** One copy in flight: its numbers are written by the copying thread and read by the drawing one. */
    private final class Row implements Copy {
        private final String label;
        private final long expected;
        private final long startNanos;
        private volatile long bytes;

        Row(String label, long expected, long startNanos) {
            this.label = label;
            this.expected = expected;
            this.startNanos = startNanos;
        }

        @Override
        public void advanced(long totalBytes) {
            bytes = totalBytes;
        }

        @Override
        public void finished() {
            remove(this);
        }
    }

    /** The terminal's width: {@code $COLUMNS}, else what {@code stty} says about the controlling terminal, else 80. */
    static int columns() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").strip());
            if (columns > 0) {
                return columns;
            }
        } catch (NumberFormatException e) {
            // not set or not a number: ask the terminal
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                        .strip().split("\\s+");
                int columns = Integer.parseInt(size[size.length - 1]);
                if (columns > 0) {
                    return columns;
                }
            }
            stty.destroy();
        } catch (IOException | RuntimeException e) {
            // no terminal to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }
}
