package bbr.testbed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code bin/bbr} before the first measurement. */
final class Launcher {

    private Launcher() {
    }

    /**
     * The launcher's first run after a build trains its class-data-sharing archive: seconds of a second JVM that
     * would land in the first round (and in GNU time's peak RSS, which counts children). Train it now.
     */
    static void makeSharedArchive(Path bbr, Path root) throws IOException, InterruptedException {
        Commands.time(new ProcessBuilder(bbr.toString(), "help")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        Path archive = root.resolve("bbr/target/bbr.jsa");
        if (!Files.isRegularFile(archive)
                || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(
                        root.resolve("bbr/target/bbr.jar"))) < 0) {
            throw new IllegalStateException("bin/bbr made no class-data-sharing archive " + archive
                    + ": every run would train one, and be measured with it");
        }
    }
}
