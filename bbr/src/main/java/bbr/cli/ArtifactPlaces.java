package bbr.cli;

import bbr.artifact.local.LocalPlace;
import bbr.artifact.store.ArtifactPlace;
import java.nio.file.Path;

/**
 * The one place where an {@code --artifact-path} string becomes an {@link ArtifactPlace}: today a local directory
 * (relative to the working directory); object storage is told apart here by its scheme.
 */
final class ArtifactPlaces {

    /** One backup: the place that holds it and its name there. */
    record Backup(ArtifactPlace place, String name) {
    }

    private ArtifactPlaces() {
    }

    /** Where a backup writes its artifacts: {@code artifactPath}, or the working directory when it is null. */
    static ArtifactPlace forBackups(String artifactPath, Path workingDirectory) {
        Path directory = workingDirectory.resolve(artifactPath != null ? artifactPath : "");
        return new LocalPlace(directory);
    }

    /** The backup that {@code artifactPath} names, for restore and verify. */
    static Backup backup(String artifactPath, Path workingDirectory) {
        Path directory = workingDirectory.resolve(artifactPath);
        Path parent = directory.getParent();
        Path name = directory.getFileName();
        if (parent == null || name == null) {
            return new Backup(new LocalPlace(directory), ".");
        }
        return new Backup(new LocalPlace(parent), name.toString());
    }
}
