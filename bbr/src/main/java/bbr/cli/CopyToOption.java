package bbr.cli;

import bbr.artifact.store.ArtifactPlace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code backup}'s and {@code pre-backup-check}'s {@code --copy-to}: more places that get the same bytes. */
final class CopyToOption {

    @Option(names = "--copy-to", paramLabel = "DEST", description = "Specify another place to write the same backup"
            + " to in the same pass, a directory or s3://BUCKET[/PREFIX]; repeatable")
    List<String> destinations = new ArrayList<>();

    /**
     * The {@code --artifact-path} (the working directory when null) and every {@code --copy-to} as one place, or
     * empty after telling the operator which value is wrong.
     */
    Optional<ArtifactPlace> places(String artifactPath, Terminal terminal) {
        try {
            return Optional.of(ArtifactPlaces.of(terminal.workingDirectory()).forBackups(artifactPath, destinations));
        } catch (IllegalArgumentException e) {
            ArtifactPlaces.flagError(terminal, e.getMessage());
            return Optional.empty();
        }
    }
}
