package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.Cancellation;
import bbr.orchestration.Cleaner;
import java.util.Optional;
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
        Optional<AllDeploymentsTarget> all = target.allDeployments();
        if (all.isPresent() && kind == RESTORE) {
            context.terminal().flagError(Subcommand.notForAllDeployments("restore-cleanup"));
            return 1;
        }
        Cancellation cancellation = trapCtrlC(kind == BACKUP ? "backup" : "restore");
        if (all.isPresent()) {
            // The original writes cleanup logs into the working directory, whatever the artifact path.
            AllDeploymentsRun run = new AllDeploymentsRun(all.get(), context, target.redactor(),
                    AllDeploymentsWording.BACKUP_CLEANUP);
            return run.run(logger, new LoggedDeploymentStep(run, context, null, target.debug(), target.redactor(),
                    (deployment, log, timestamp) -> new Cleaner(all.get().source(deployment, log), log, cancellation)
                            .clean(kind)),
                    outcome -> false);
        }
        return ErrorReport.report(new Cleaner(target.source(logger), logger, cancellation).clean(kind),
                context.terminal(),
                context.clock(), target.redactor(), null);
    }
}
