package bbr.cli;

import java.io.PrintStream;

/** The streams a CLI run writes to, and the directory it writes its error log into. */
record Terminal(PrintStream out, PrintStream err, java.nio.file.Path workingDirectory, boolean colour,
                JsonLines json) {

    Terminal(PrintStream out, PrintStream err, java.nio.file.Path workingDirectory, boolean colour) {
        this(out, err, workingDirectory, colour, null);
    }

    /** The same streams, with {@code --json}'s printer, which then owns stdout. */
    Terminal withJson(JsonLines lines) {
        return new Terminal(out, err, workingDirectory, colour, lines);
    }

    /**
     * A required flag that is missing, in red as the original prints it (mgutz/ansi's codes), whatever stderr is:
     * scripts that capture it see the same bytes as with the original.
     */
    void redError(String message) {
        err.println("\u001b[0;31m" + message + "\u001b[0m");
    }

    /** Flags bbr refuses where the original did not check: red only on a terminal, so that logs stay clean. */
    void flagError(String message) {
        err.println(colour ? "\u001b[31m" + message + "\u001b[0m" : message);
    }
}
