package bbr.cli;

import java.io.PrintStream;

/** The streams a CLI run writes to, and the directory it writes its error log into. */
record Terminal(PrintStream out, PrintStream err, java.nio.file.Path workingDirectory, boolean colour) {

    /** The original prints flag errors in red; only on a terminal, so that logs stay clean. */
    void flagError(String message) {
        err.println(colour ? "\u001b[31m" + message + "\u001b[0m" : message);
    }
}
