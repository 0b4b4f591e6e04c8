package bbr.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/bbr}, the launcher operators run: the integration tests start the jar directly, so this is what checks
 * the launcher's own choices (the jar it picks, the class archive it trains, the JVM options it passes).
 */
class LauncherTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void version_printsOnlyTheVersion() throws Exception {
        Result version = run("version");

        assertThat(version.exit).as(version.toString()).isZero();
        assertThat(version.stdout).matches("bbr version \\d+\\.\\d+\\.\\d+\\n");
        assertThat(version.stderr).isEmpty();
    }

    @Test
    void theFirstRunAfterABuild_trainsAClassArchiveThatHoldsTheSshSession_silently() throws Exception {
        Path archive = ROOT.resolve("bbr/target/bbr.jsa");
        Files.deleteIfExists(archive);

        Result help = run("help");

        assertThat(help.exit).as(help.toString()).isZero();
        assertThat(help.stdout).startsWith("NAME:\n   bbr - BOSH Backup and Restore\n").doesNotContain("CompileCommand");
        assertThat(help.stderr).isEmpty();
        assertThat(archive).isRegularFile();
        // Class names are stored as plain symbols. bbr reads a command's output through this class only once it has
        // logged in: a training run that never got a session (as before) leaves it out.
        assertThat(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1))
                .contains("bbr/ssh/StdoutHandoffChannel");
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/bbr").toString());
            builder.command().addAll(java.util.List.of(args));
            builder.environment().remove("BOSH_ALL_PROXY");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bin/bbr " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }
}
