package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.BackupChecker;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import picocli.CommandLine.Command;

/** {@code pre-backup-check}/{@code c}: says on stdout whether a backup could run, changing nothing. */
@Command(name = "pre-backup-check", aliases = "c", description = "Check a deployment can be backed up")
final class PreBackupCheckCommand extends Subcommand {

    PreBackupCheckCommand(Target target, CliContext context) {
        super(target, context);
    }

    @Override
    int run(Logger logger) {
        Outcome outcome = new BackupChecker(target.source(logger), logger).check();
        if (!outcome.failed()) {
            context.terminal().out().println(target.verdictSubject() + " can be backed up.");
            return 0;
        }
        context.terminal().out().println(target.verdictSubject() + " cannot be backed up.");
        context.terminal().out().print(ErrorReport.block(outcome.errors()).indent(2));
        boolean leftover = outcome.errors().get(0).kind() == ErrorKind.ARTIFACT_DIR_EXISTS;
        return ErrorReport.report(outcome, context.terminal(), context.clock(),
                leftover ? ErrorReport.BACKUP_CLEANUP_ADVICE : null);
    }
}
