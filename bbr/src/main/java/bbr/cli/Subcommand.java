package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.Cancellation;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Shared shape of the five subcommands: validate flags as the original does, then run one workflow. */
abstract class Subcommand implements Callable<Integer> {

    protected final Target target;
    protected final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Subcommand(Target target, CliContext context) {
        this.target = target;
        this.context = context;
    }

    @Override
    public final Integer call() {
        Optional<String> missing = target.missingFlag();
        if (missing.isPresent()) {
            target.printHelp();
            context.terminal().flagError(missing.get());
            return 1;
        }
        Optional<String> ownMissing = missingOwnFlag();
        if (ownMissing.isPresent()) {
            spec.commandLine().usage(context.terminal().out());
            context.terminal().flagError(ownMissing.get());
            return 1;
        }
        Optional<String> invalid = target.invalidFlag();
        if (invalid.isPresent()) {
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
        return new CtrlC(context.terminal().out(), System.in, context.screen()).trap(operation);
    }

    /** A required flag of the subcommand itself that is missing; none by default. */
    Optional<String> missingOwnFlag() {
        return Optional.empty();
    }

    abstract int run(Logger logger);
}
