package bbr.testbed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where a bbr backup left its artifact. */
public final class Artifacts {

    private Artifacts() {
    }

    /** The one directory a {@code bbr backup} made in {@code artifactPath}; fails when there is not exactly one. */
    public static Path onlyArtifact(Path artifactPath) {
        try (Stream<Path> entries = Files.list(artifactPath)) {
            List<Path> directories = entries.filter(Files::isDirectory).toList();
            if (directories.size() != 1) {
                throw new IllegalStateException("expected one artifact in " + artifactPath + ", found " + directories);
            }
            return directories.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
