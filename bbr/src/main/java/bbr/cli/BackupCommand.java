package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.Backuper;
import bbr.artifact.store.ArtifactPlace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}/{@code b}. */
@Command(name = "backup", aliases = "b", description = "Backup a deployment")
class BackupCommand extends Subcommand {

    @Option(names = {"--artifact-path", "-a"}, description = "Specify an optional path to save the backup artifacts to")
    String artifactPath;

    BackupCommand(Target target, CliContext context) {
        super(target, context);
    }

    /** Director mode has neither a manifest to save nor a lock-free mode. */
    Backuper.Request request(ArtifactPlace place) {
        return new Backuper.Request(place, false, false);
    }

    /** Where artifacts go: {@code --artifact-path}, relative to the working directory, or the directory itself. */
    ArtifactPlace artifactPlace() {
        return ArtifactPlaces.forBackups(artifactPath, context.terminal().workingDirectory());
    }

    @Override
    int run(Logger logger) {
        Backuper.Result result = new Backuper(target.source(logger), logger, context.clock(), trapCtrlC("backup"))
                .backup(request(artifactPlace()));
        return ErrorReport.report(result.outcome(), context.terminal(), context.clock(), target.redactor(),
                result.outcome().recommendsBackupCleanup() ? ErrorReport.BACKUP_CLEANUP_ADVICE : null);
    }
}
