package bbr.cli;

import bbr.log.Logger;
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
        return run(context.logger(target.debug()));
    }

    /** A required flag of the subcommand itself that is missing; none by default. */
    Optional<String> missingOwnFlag() {
        return Optional.empty();
    }

    abstract int run(Logger logger);
}
