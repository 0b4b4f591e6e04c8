package bbr.testbed.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real {@code bbr} CLI on a pseudo-terminal, as an operator runs it: {@code script(1)} from util-linux gives
 * it a pty for stdin and stdout (so {@code System.console()} is there) and records every byte it writes, escape
 * sequences included. Input comes from {@code /dev/null}.
 */
public final class BbrInTerminal {

    /** What bbr wrote to its terminal, as raw bytes decoded as UTF-8 (the pty turns "\n" into "\r\n"). */
    public record Run(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- terminal\n" + output.replace("\u001b", "\\e");
        }
    }

    private BbrInTerminal() {
    }

    /** Runs {@code bbr ARGS} in {@code workingDirectory} on a pty, with this JVM's environment plus {@code env}. */
    public static Run run(Path workingDirectory, Map<String, String> env, Duration timeout, String... args) {
        List<String> bbr = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-jar", BbrProcess.jar().toString()));
        bbr.addAll(List.of(args));
        String command = bbr.stream().map(BbrInTerminal::quote).collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--return", "--command", command, "/dev/null")
                .directory(workingDirectory.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            byte[][] output = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = new byte[0];
                }
            }, "pty-output");
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bbr did not finish on its terminal within " + timeout);
            }
            reader.join();
            return new Run(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
