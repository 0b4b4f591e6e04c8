package bbr.testbed;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The artifacts the original Go bbr wrote ({@code shared/fixtures}). They live beside the repository, not in it; the
 * build passes their folder as {@code -Dshared.dir} (by default the {@code shared} folder next to the clone), so a
 * clone elsewhere runs with {@code mvn verify -Dshared.dir=/path/to/shared}.
 */
public final class OriginalFixtures {

    private OriginalFixtures() {
    }

    /** The fixture artifact directory {@code name}, or a failure that says where it was looked for and how to point elsewhere. */
    public static Path artifact(String name) {
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared")).toAbsolutePath().normalize();
        Path artifact = shared.resolve("fixtures").resolve(name);
        if (!Files.isDirectory(artifact)) {
            throw new IllegalStateException("the original bbr's fixture " + artifact + " is not there: clone the"
                    + " repository beside shared/, or run the build with -Dshared.dir=/path/to/shared");
        }
        return artifact;
    }
}
