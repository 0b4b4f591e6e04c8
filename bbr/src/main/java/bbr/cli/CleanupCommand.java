package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.Cleaner;
import picocli.CommandLine.Command;

/** {@code backup-cleanup} and {@code restore-cleanup}; one class, told apart by the kind it cleans after. */
@Command
final class CleanupCommand extends Subcommand {

    static final Cleaner.Kind BACKUP = Cleaner.Kind.BACKUP;
    static final Cleaner.Kind RESTORE = Cleaner.Kind.RESTORE;

    private final Cleaner.Kind kind;

    CleanupCommand(Target target, CliContext context, Cleaner.Kind kind) {
        super(target, context);
        this.kind = kind;
    }

    /** The command name is set here because one annotation cannot name both commands. */
    static picocli.CommandLine named(CleanupCommand command) {
        picocli.CommandLine line = new picocli.CommandLine(command);
        line.getCommandSpec().name(command.kind == BACKUP ? "backup-cleanup" : "restore-cleanup");
        line.getCommandSpec().usageMessage().description(command.kind == BACKUP
                ? "Cleanup a deployment after a backup was interrupted"
                : "Cleanup a deployment after a restore was interrupted");
        return line;
    }

    @Override
    int run(Logger logger) {
        return ErrorReport.report(new Cleaner(target.source(logger), logger).clean(kind), context.terminal(),
                context.clock(), null);
    }
}
