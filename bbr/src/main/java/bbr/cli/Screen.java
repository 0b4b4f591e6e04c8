package bbr.cli;

import bbr.log.ProgressListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where bbr's stdout lines go: straight out on a pipe, or above the live progress block on a terminal. */
interface Screen {

    /** Prints {@code text} and a newline in one piece; text may span several lines. Safe from any thread. */
    void println(String text);

    /** Copy progress drawn on this screen; empty on a pipe, where percent log lines show it instead. */
    Optional<ProgressListener> progress();

    /** Holds lines back (and hides the progress block) until {@link #resume()}, e.g. while a question waits. */
    void pause();

    /** Prints what was held back, then carries on. */
    void resume();

    static Screen plain(PrintStream out) {
        return new Plain(out);
    }

    /** A pipe or a file: lines as they come. */
    final class Plain implements Screen {
        private final PrintStream out;
        private final List<String> held = new ArrayList<>();
        private boolean paused;

        Plain(PrintStream out) {
            this.out = out;
        }

        @Override
        public void println(String text) {
            synchronized (out) {
                if (paused) {
                    held.add(text);
                    return;
                }
                out.println(text);
                out.flush();
            }
        }

        @Override
        public Optional<ProgressListener> progress() {
            return Optional.empty();
        }

        @Override
        public void pause() {
            synchronized (out) {
                paused = true;
            }
        }

        @Override
        public void resume() {
            synchronized (out) {
                paused = false;
                held.forEach(out::println);
                held.clear();
                out.flush();
            }
        }
    }
}
