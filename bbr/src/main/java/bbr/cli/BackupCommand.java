package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.Backuper;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}/{@code b}. */
@Command(name = "backup", aliases = "b", description = "Backup a deployment")
class BackupCommand extends Subcommand {

    @Option(names = {"--artifact-path", "-a"}, description = "Specify an optional path to save the backup artifacts to")
    Path artifactPath;

    BackupCommand(Target target, CliContext context) {
        super(target, context);
    }

    /** Director mode has neither a manifest to save nor a lock-free mode. */
    Backuper.Request request(Path parent) {
        return new Backuper.Request(parent, false, false);
    }

    /** Where artifacts go: {@code --artifact-path}, relative to the working directory, or the directory itself. */
    Path artifactParent() {
        return context.terminal().workingDirectory().resolve(artifactPath != null ? artifactPath : Path.of(""));
    }

    @Override
    int run(Logger logger) {
        Backuper.Result result = new Backuper(target.source(logger), logger, context.clock(), trapCtrlC("backup"))
                .backup(request(artifactParent()));
        return ErrorReport.report(result.outcome(), context.terminal(), context.clock(), target.redactor(),
                result.outcome().recommendsBackupCleanup() ? ErrorReport.BACKUP_CLEANUP_ADVICE : null);
    }
}
