package bbr.testbed.goyaml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The original's YAML library itself, gopkg.in/yaml.v2 v2.4.0 with the original's metadata structs
 * ({@code src/main/resources/goyaml-oracle/main.go}), built once with Debian's Go and yaml.v2 packages
 * ({@code golang-go}, {@code golang-gopkg-yaml.v2-dev}; {@code .ci/run} installs them): the independent writer and
 * reader that bbr's metadata is checked against. Outside CI the tests that need it are skipped when Go is missing.
 */
public final class GoOracle {

    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static Path binary;

    private GoOracle() {
    }

    /** Runs {@code mode} ({@code marshal} or {@code unmarshal}) with {@code input} on stdin; returns stdout. */
    public static String run(String mode, byte[] input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary().toString(), mode).redirectErrorStream(true).start();
        process.getOutputStream().write(input);
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("the yaml.v2 oracle failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        boolean available = Files.isDirectory(GOPATH.resolve("src/gopkg.in/yaml.v2")) && onPath("go");
        if (System.getenv("CI") != null && !available) {
            throw new IllegalStateException("CI must have golang-go and golang-gopkg-yaml.v2-dev (see .ci/run)");
        }
        assumeTrue(available, "needs Debian's golang-go and golang-gopkg-yaml.v2-dev");
        Path dir = Files.createTempDirectory("goyaml-oracle");
        try (var source = GoOracle.class.getResourceAsStream("/goyaml-oracle/main.go")) {
            Files.copy(source, dir.resolve("main.go"));
        }
        Path built = dir.resolve("oracle");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", built.toString(), ".").directory(dir.toFile())
                .redirectErrorStream(true);
        build.environment().put("GO111MODULE", "off");
        build.environment().put("GOPATH", GOPATH.toString());
        build.environment().put("GOCACHE", dir.resolve("cache").toString());
        build.environment().put("GOFLAGS", "");
        Process process = build.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("could not build the yaml.v2 oracle: " + output);
        }
        binary = built;
        return binary;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
