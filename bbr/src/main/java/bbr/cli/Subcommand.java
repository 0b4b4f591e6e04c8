package bbr.cli;

import bbr.cli.help.UrfaveHelp;
import bbr.instance.Version;
import bbr.log.Logger;
import bbr.orchestration.BbrError;
import bbr.orchestration.Cancellation;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Shared shape of the five subcommands: validate their own flags as the original does, then run one workflow.
 * The mode's flags ({@code --host}, {@code --target}, …) were checked before, by {@link Invocation}.
 */
abstract class Subcommand implements Callable<Integer> {

    protected final Target target;
    /** The run's context; with {@code --json}, replaced by one whose stdout is JSON objects only. */
    protected CliContext context;

    @CommandLine.Option(names = "--json", description = "Print one JSON object per line on stdout for each event of"
            + " the run (log, step, job, copy progress, error), and nothing else there; see docs/json-output.md")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Subcommand(Target target, CliContext context) {
        this.target = target;
        this.context = context;
    }

    @Override
    public final Integer call() {
        if (!json) {
            return checkedRun();
        }
        JsonLines lines = new JsonLines(context.terminal().out(), context.clock());
        context = context.asJson(lines);
        lines.runStarted(spec.qualifiedName());
        int exitCode = checkedRun();
        lines.runFinished(exitCode);
        return exitCode;
    }

    private int checkedRun() {
        Optional<String> ownMissing = missingOwnFlag();
        if (ownMissing.isPresent()) {
            if (context.terminal().json() != null) {
                context.terminal().json().error(ownMissing.get(), 1, null, null);
            } else {
                context.terminal().out().print(new UrfaveHelp(Version.current()).command(spec));
            }
            context.terminal().redError(ownMissing.get());
            return 1;
        }
        Optional<String> conflict = conflictingFlags();
        if (conflict.isPresent()) {
            Outcome outcome = new Outcome();
            outcome.add(new BbrError(ErrorKind.GENERAL, conflict.get()));
            return ErrorReport.report(outcome, context.terminal(), context.clock(), target.redactor(), null);
        }
        Optional<String> invalid = target.invalidFlag();
        if (invalid.isPresent()) {
            if (context.terminal().json() != null) {
                context.terminal().json().error(invalid.get(), 1, null, null);
            }
            context.terminal().flagError(invalid.get());
            return 1;
        }
        return run(context.logger(target.debug(), target.redactor()));
    }

    /** Why {@code --all-deployments} is refused by commands the original never ran on every deployment. */
    static String notForAllDeployments(String command) {
        return "The --all-deployments flag is only supported for pre-backup-check, backup and backup-cleanup, not "
                + command + ": name the deployment with --deployment.";
    }

    /**
     * Ctrl-C asks before stopping, as the original does; "yes" cancels what has not started yet, while unlocks and
     * cleanup still run before bbr exits.
     */
    Cancellation trapCtrlC(String operation) {
        // With --json stdout is for JSON objects only: the question goes to stderr.
        return new CtrlC(context.terminal().json() != null ? context.terminal().err() : context.terminal().out(),
                System.in, context.screen()).trap(operation);
    }

    /** A required flag of the subcommand itself that is missing; none by default. */
    Optional<String> missingOwnFlag() {
        return Optional.empty();
    }

    /**
     * Flags that cannot go together, reported as a run's error (the original checks them before it reads the CA
     * certificate or the URL); none by default.
     */
    Optional<String> conflictingFlags() {
        return Optional.empty();
    }

    abstract int run(Logger logger);
}
