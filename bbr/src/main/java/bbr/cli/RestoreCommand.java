package bbr.cli;

import bbr.artifact.store.Decoding;
import bbr.log.Logger;
import bbr.orchestration.Restorer;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code restore}/{@code r}. */
@Command(name = "restore", aliases = "r", description = "Restore a deployment from backup")
final class RestoreCommand extends Subcommand {

    @Option(names = {"--artifact-path", "-a"}, description = "Path to the artifact to restore")
    String artifactPath;

    @CommandLine.Mixin
    IdentityOption identityOption = new IdentityOption();

    RestoreCommand(Target target, CliContext context) {
        super(target, context);
    }

    @Override
    Optional<String> missingOwnFlag() {
        return artifactPath == null ? Optional.of("--artifact-path flag is required.") : Optional.empty();
    }

    @Override
    int run(Logger logger) {
        if (target.allDeployments().isPresent()) {
            context.terminal().flagError(Subcommand.notForAllDeployments("restore"));
            return 1;
        }
        Optional<Decoding> decoding = identityOption.decodingOrFlagError(context.terminal());
        if (decoding.isEmpty()) {
            return 1;
        }
        Optional<ArtifactPlaces.Backup> backup = ArtifactPlaces.backupOrFlagError(artifactPath, context.terminal());
        if (backup.isEmpty()) {
            return 1;
        }
        try (var place = backup.get().place()) {
            return ErrorReport.report(new Restorer(target.source(logger), logger, trapCtrlC("restore"))
                            .restore(place, backup.get().name(), decoding.get()),
                    context.terminal(), context.clock(), target.redactor(), null);
        }
    }
}
