package bbr.testbed.vm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program on the host with a predictable environment and captures its exit code and output. */
public final class HostCommand {

    private HostCommand() {
    }

    /** A process builder whose environment does not leak the JVM's (Maven's, the IDE's) into the VMs. */
    static ProcessBuilder builder(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(new File("/"));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", "/root");
        env.put("LANG", "C.UTF-8");
        return builder;
    }

    /**
     * Runs the command to its end. Output goes to files rather than pipes: a command that leaves a background
     * process behind ("daemon &") leaves it holding its output, and a pipe would then not end before it does.
     */
    public static ExecResult run(List<String> argv, Duration timeout) {
        String shown = String.join(" ", argv);
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("testbed-", ".stdout");
            stderr = Files.createTempFile("testbed-", ".stderr");
            Process process = builder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TestBedException("timed out after " + timeout + ": " + shown);
            }
            return new ExecResult(shown, process.exitValue(), read(stdout), read(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + shown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestBedException("interrupted while running " + shown, e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left in /tmp harms nobody
            }
        }
    }
}
