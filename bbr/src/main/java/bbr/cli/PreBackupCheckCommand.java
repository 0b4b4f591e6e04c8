package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.BackupChecker;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code pre-backup-check}/{@code c}: says on stdout whether a backup could run, changing nothing. */
@Command(name = "pre-backup-check", aliases = "c", description = "Check a deployment can be backed up")
final class PreBackupCheckCommand extends Subcommand {

    PreBackupCheckCommand(Target target, CliContext context) {
        super(target, context);
    }

    @Override
    int run(Logger logger) {
        target.reportHostKeyMatches();
        Optional<AllDeploymentsTarget> all = target.allDeployments();
        if (all.isPresent()) {
            return checkAll(all.get(), logger);
        }
        Outcome outcome = new BackupChecker(target.source(logger), logger).check();
        String verdict = verdict(target.verdictSubject(), outcome);
        if (target.stampsVerdict()) {
            verdict = AllDeploymentsReport.stamped(java.time.ZonedDateTime.now(context.clock()), verdict);
        }
        context.screen().println(target.redactor().redact(verdict));
        boolean leftover = outcome.failed() && outcome.errors().get(0).kind() == ErrorKind.ARTIFACT_DIR_EXISTS;
        return ErrorReport.report(outcome, context.terminal(), context.clock(), target.redactor(),
                leftover ? ErrorReport.BACKUP_CLEANUP_ADVICE : null);
    }

    /** Like the original, checking every deployment writes no log: only the verdicts are printed. */
    private int checkAll(AllDeploymentsTarget all, Logger logger) {
        AllDeploymentsRun run = new AllDeploymentsRun(all, context, target.redactor(),
                AllDeploymentsWording.PRE_BACKUP_CHECK);
        return run.run(logger, deployment -> {
            Outcome outcome = new BackupChecker(all.source(deployment, Logger.discarding()), Logger.discarding())
                    .check();
            run.stamped(target.redactor().redact(verdict("Deployment '" + deployment + "'", outcome)));
            return outcome;
        }, outcome -> outcome.has(ErrorKind.ARTIFACT_DIR_EXISTS));
    }

    /** "X can be backed up.", or "X cannot be backed up." and the errors indented by two spaces. */
    static String verdict(String subject, Outcome outcome) {
        if (!outcome.failed()) {
            return subject + " can be backed up.";
        }
        return subject + " cannot be backed up.\n" + ErrorReport.block(outcome.errors()).indent(2).stripTrailing();
    }
}
