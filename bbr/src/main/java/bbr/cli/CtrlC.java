package bbr.cli;

import bbr.orchestration.Cancellation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C during backup, restore and the cleanups: the original's question, and on "yes" a cancellation that
 * lets bbr unlock and clean up what it locked before it exits (the original exited at once, leaving jobs locked).
 * A Ctrl-C while the question is open, or after "yes", exits at once.
 */
final class CtrlC {

    private final PrintStream out;
    private final BufferedReader stdin;
    /** Holds back log lines while the question waits for an answer, so the prompt stays readable. */
    private final Screen output;
    private final AtomicInteger presses = new AtomicInteger();

    CtrlC(PrintStream out, InputStream stdin, Screen output) {
        this.out = out;
        this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        this.output = output;
    }

    /** Installs the handler for one operation ("backup" or "restore") and returns what it cancels. */
    Cancellation trap(String operation) {
        Cancellation cancellation = new Cancellation();
        Signal.handle(new Signal("INT"), signal -> onInterrupt(operation, cancellation));
        return cancellation;
    }

    private void onInterrupt(String operation, Cancellation cancellation) {
        if (presses.incrementAndGet() > 1 || cancellation.requested()) {
            out.println();
            out.println("Exiting at once: jobs that were locked may still be locked. It is recommended that you run"
                    + " `bbr " + operation + "-cleanup` to ensure that any temp files are cleaned up and all jobs are"
                    + " unlocked.");
            out.flush();
            Runtime.getRuntime().halt(1);
        }
        output.pause();
        try {
            out.println();
            out.println("Stopping a " + operation + " can leave the system in bad state. Are you sure you want to"
                    + " cancel? [yes/no]");
            out.flush();
            String answer = stdin.readLine();
            if (answer == null) {
                throw new IOException("end of input");
            }
            if (answer.strip().equalsIgnoreCase("yes")) {
                cancellation.request();
                out.println("Cancelling: nothing new will start; the jobs that were locked are being unlocked and"
                        + " temporary files removed. Press Ctrl-C again to exit at once.");
            }
        } catch (IOException e) {
            out.println("Couldn't read from Stdin, if you still want to stop the " + operation + " send SIGTERM.");
        } finally {
            out.flush();
            presses.set(cancellation.requested() ? 1 : 0);
            output.resume();
        }
    }
}
