package bbr.cli;

import bbr.artifact.store.ArtifactPlace;
import bbr.log.Logger;
import bbr.orchestration.BackupChecker;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pre-backup-check}/{@code c}: says on stdout whether a backup could run, changing nothing. */
@Command(name = "pre-backup-check", aliases = "c", description = "Check a deployment can be backed up")
final class PreBackupCheckCommand extends Subcommand {

    @Option(names = {"--artifact-path", "-a"}, description = "Specify the path the backup would be saved to, a"
            + " directory or s3://BUCKET[/PREFIX], to check that it can be written")
    String artifactPath;

    @CommandLine.Mixin
    CopyToOption copyTo = new CopyToOption();

    PreBackupCheckCommand(Target target, CliContext context) {
        super(target, context);
    }

    @Override
    int run(Logger logger) {
        target.reportHostKeyMatches();
        if (artifactPath == null && copyTo.destinations.isEmpty()) {
            return check(logger, null);
        }
        Optional<ArtifactPlace> places = copyTo.places(artifactPath, context.terminal());
        if (places.isEmpty()) {
            return 1;
        }
        try (ArtifactPlace place = places.get()) {
            return check(logger, place);
        }
    }

    /** @param place where the backup would go, proven writable too; null: not named, not checked */
    private int check(Logger logger, ArtifactPlace place) {
        Optional<AllDeploymentsTarget> all = target.allDeployments();
        if (all.isPresent()) {
            return checkAll(all.get(), logger, place);
        }
        Outcome outcome = new BackupChecker(target.source(logger), logger, place).check();
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
    private int checkAll(AllDeploymentsTarget all, Logger logger, ArtifactPlace place) {
        AllDeploymentsRun run = new AllDeploymentsRun(all, context, target.redactor(),
                AllDeploymentsWording.PRE_BACKUP_CHECK);
        return run.run(logger, deployment -> {
            Outcome outcome = new BackupChecker(all.source(deployment, Logger.discarding()), Logger.discarding(),
                    place).check();
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
