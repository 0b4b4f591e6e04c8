package bbr.artifact;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The artifacts the original Go bbr wrote ({@code shared/fixtures}), outside the repository: the build passes their
 * folder as {@code -Dshared.dir}, by default the {@code shared} folder next to the clone.
 */
final class OriginalFixtures {

    private OriginalFixtures() {
    }

    static Path artifact(String name) {
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared")).toAbsolutePath().normalize();
        Path artifact = shared.resolve("fixtures").resolve(name);
        if (!Files.isDirectory(artifact)) {
            throw new IllegalStateException("the original bbr's fixture " + artifact + " is not there: clone the"
                    + " repository beside shared/, or run the build with -Dshared.dir=/path/to/shared");
        }
        return artifact;
    }
}
