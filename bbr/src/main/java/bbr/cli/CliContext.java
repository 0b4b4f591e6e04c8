package bbr.cli;

import bbr.log.LinePrinter;
import bbr.log.Logger;
import bbr.log.PercentLines;
import bbr.log.ProgressListener;
import bbr.log.Redactor;
import java.time.Clock;

/** What every command needs from the outside world, passed in so tests can drive the CLI in-process. */
record CliContext(Terminal terminal, Clock clock, Screen screen) {

    /** This run with {@code --json}: events and console lines as JSON objects on stdout, no live block. */
    CliContext asJson(JsonLines json) {
        return new CliContext(terminal.withJson(json), clock, json.screen());
    }

    /**
     * The run's log on stdout, secrets redacted; progress as percent lines, or live rows on a terminal; with
     * {@code --json}, JSON objects.
     */
    Logger logger(boolean debug, Redactor redactor) {
        if (terminal.json() != null) {
            return redactor.wrap(terminal.json().logger(debug));
        }
        Logger lines = redactor.wrap(new LinePrinter(screen::println, debug, clock));
        return screen.progress().map(lines::withProgress).orElse(lines);
    }

    /**
     * One deployment's log under --all-deployments: lines and percent progress go to its file; on a terminal its
     * copies also show in the live block, named by deployment.
     */
    Logger deploymentLogger(DeploymentLogFile file, String deployment, boolean debug, Redactor redactor) {
        Logger lines = redactor.wrap(new LinePrinter(file::println, debug, clock));
        ProgressListener percent = new PercentLines(lines);
        return lines.withProgress(screen.progress()
                .map(live -> ProgressListener.both(percent, live.labelled(deployment + ": ")))
                .orElse(percent));
    }
}
