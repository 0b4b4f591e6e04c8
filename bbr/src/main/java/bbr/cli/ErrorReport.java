package bbr.cli;

import bbr.log.Failures;
import bbr.log.Redactor;
import bbr.orchestration.BbrError;
import bbr.orchestration.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a failed run's errors: the readable block on stderr, and the stack traces to
 * {@code bbr-<RFC3339>.err.log} in the working directory (on stderr only if that file cannot be written).
 */
final class ErrorReport {

    static final String BACKUP_CLEANUP_ADVICE = "It is recommended that you run `bbr backup-cleanup` to ensure that"
            + " any temp files are cleaned up and all jobs are unlocked.";

    private ErrorReport() {
    }

    /**
     * Returns the exit code; prints nothing on success (the original's blank stderr line is not kept). A failure's
     * block ends with a blank line, as the original's does (urfave/cli prints the newline-terminated message with
     * Println).
     */
    static int report(Outcome outcome, Terminal terminal, Clock clock, Redactor redactor, String footer) {
        if (!outcome.failed()) {
            return 0;
        }
        if (terminal.json() != null) {
            outcome.errors().forEach(error -> terminal.json().error(redactor.redact(Failures.scrub(error.getMessage())),
                    error.kind().bit(), null, footer));
        }
        terminal.err().print(redactor.redact(block(outcome.errors())));
        terminal.err().println();
        if (footer != null) {
            terminal.err().println(footer);
        }
        writeStackTraces(outcome.errors(), terminal, clock, redactor);
        return outcome.exitCode();
    }

    /** The original's "N errors occurred:" block, but with every message on lines of its own. */
    static String block(List<BbrError> errors) {
        StringBuilder text = new StringBuilder();
        text.append(errors.size() == 1 ? "1 error occurred:" : errors.size() + " errors occurred:").append('\n');
        for (int i = 0; i < errors.size(); i++) {
            text.append("error ").append(i + 1).append(":\n").append(Failures.scrub(errors.get(i).getMessage().strip()))
                    .append('\n');
        }
        return text.toString();
    }

    static void writeStackTraces(List<? extends Throwable> errors, Terminal terminal, Clock clock,
                                 Redactor redactor) {
        StringWriter raw = new StringWriter();
        try (PrintWriter writer = new PrintWriter(raw)) {
            errors.forEach(error -> error.printStackTrace(writer));
        }
        String traces = redactor.redact(raw.toString());
        String stamp = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        Path file = terminal.workingDirectory().resolve("bbr-" + stamp + ".err.log");
        try {
            Files.writeString(file, traces, StandardCharsets.UTF_8);
        } catch (IOException e) {
            terminal.err().print(traces);
        }
    }
}
