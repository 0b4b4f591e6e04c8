package bbr.cli;

import bbr.log.Logger;
import bbr.orchestration.Backuper;
import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.Encoding;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}/{@code b}. */
@Command(name = "backup", aliases = "b", description = "Backup a deployment")
class BackupCommand extends Subcommand {

    @Option(names = {"--artifact-path", "-a"}, description = "Specify an optional path to save the backup artifacts to")
    String artifactPath;

    @CommandLine.Mixin
    EncodingOptions encodingOptions = new EncodingOptions();

    @CommandLine.Mixin
    CopyToOption copyTo = new CopyToOption();

    BackupCommand(Target target, CliContext context) {
        super(target, context);
    }

    /** Director mode has neither a manifest to save nor a lock-free mode. */
    Backuper.Request request(ArtifactPlace place, Encoding encoding) {
        return new Backuper.Request(place, encoding, false, false);
    }

    /** The flags' encoding, or empty after telling the operator which flag is wrong. */
    Optional<Encoding> encoding() {
        try {
            return Optional.of(encodingOptions.encoding(context.terminal().workingDirectory(), System::getenv));
        } catch (IllegalArgumentException e) {
            context.terminal().flagError(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Where artifacts go: {@code --artifact-path} (a directory relative to the working directory, the directory
     * itself, or {@code s3://}) and each {@code --copy-to}; empty after telling the operator which value is wrong.
     */
    Optional<ArtifactPlace> artifactPlace() {
        return copyTo.places(artifactPath, context.terminal());
    }

    @Override
    int run(Logger logger) {
        Optional<Encoding> encoding = encoding();
        if (encoding.isEmpty()) {
            return 1;
        }
        Optional<ArtifactPlace> place = artifactPlace();
        if (place.isEmpty()) {
            return 1;
        }
        try (ArtifactPlace places = place.get()) {
            Backuper.Result result = new Backuper(target.source(logger), logger, context.clock(),
                    trapCtrlC("backup")).backup(request(places, encoding.get()));
            return ErrorReport.report(result.outcome(), context.terminal(), context.clock(), target.redactor(),
                    result.outcome().recommendsBackupCleanup() ? ErrorReport.BACKUP_CLEANUP_ADVICE : null);
        }
    }
}
