package bbr.testbed.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code bbr} CLI running as its own process from the built jar, with its output collected live so a
 * test can act when a given line appears (kill a VM's connections mid-copy, press Ctrl-C).
 */
public final class BbrProcess implements AutoCloseable {

    /** An argument {@code --jvm-option=X} passes X to the JVM instead of to bbr (e.g. a small heap limit). */
    public static final String JVM_OPTION = "--jvm-option=";

    /** {@code args} with {@code option} (e.g. "-Xmx64m") passed to bbr's JVM. */
    public static String[] withJvmOption(String option, String... args) {
        List<String> all = new ArrayList<>(List.of(JVM_OPTION + option));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;

    private BbrProcess(Process process) {
        this.process = process;
        this.outReader = pump(process.getInputStream(), line -> {
            synchronized (stdout) {
                stdout.add(line);
                stdout.notifyAll();
            }
        });
        this.errReader = pump(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
        });
    }

    /** Starts {@code bbr ARGS} in {@code workingDirectory}, with the environment of this JVM plus {@code env}. */
    public static BbrProcess start(Path workingDirectory, java.util.Map<String, String> env, String... args) {
        ProcessBuilder builder = new ProcessBuilder(bbrCommand(args)).directory(workingDirectory.toFile());
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            return new BbrProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code bbr ARGS} on a pseudo-terminal (util-linux {@code script}), as an operator's shell would: bytes
     * written to {@link #stdin()} are typed on it, so {@code "\u0003"} is a real Ctrl-C.
     */
    public static BbrProcess startOnTerminal(Path workingDirectory, java.util.Map<String, String> env,
                                             String... args) {
        // A test run started in the background (nohup, CI runners) hands its children SIGINT ignored, and the JVM
        // then installs no Ctrl-C handler; an operator's interactive shell never does, so restore the default.
        StringBuilder line = new StringBuilder("stty cols 200 rows 50; exec env --default-signal=INT");
        for (String word : bbrCommand(args)) {
            line.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", line.toString(), "/dev/null")
                .directory(workingDirectory.toFile());
        builder.environment().putAll(env);
        try {
            return new BbrProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types {@code text} on bbr's standard input. */
    public void type(String text) {
        try {
            process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code bbr ARGS} to completion (at most ten minutes). */
    public static BbrRun run(Path workingDirectory, String... args) {
        try (BbrProcess process = start(workingDirectory, java.util.Map.of(), args)) {
            return process.await(Duration.ofMinutes(10));
        }
    }

    /** Blocks until a stdout line matches, and returns it; fails after {@code timeout}. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (stdout) {
            while (true) {
                for (; seen < stdout.size(); seen++) {
                    if (wanted.test(stdout.get(seen))) {
                        return stdout.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !outReader.isAlive())) {
                    throw new AssertionError("bbr printed no matching line within " + timeout + "; stdout:\n"
                            + String.join("\n", stdout));
                }
                stdout.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    public java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for exit and returns everything printed; fails if bbr is still running after {@code timeout}. */
    public BbrRun await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("bbr did not finish within " + timeout + "; stdout so far:\n"
                        + String.join("\n", snapshot()));
            }
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        synchronized (stderr) {
            BbrRun run = new BbrRun(process.exitValue(), String.join("\n", snapshot())
                    + (snapshot().isEmpty() ? "" : "\n"), stderr.toString());
            OperatorText.check(run.stderr(), run);
            return run;
        }
    }

    private List<String> snapshot() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Path emptyHome() {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "bbr-testbed-home");
        try {
            java.nio.file.Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    private static List<String> bbrCommand(String... args) {
        // A home of its own, without ~/.ssh/known_hosts: the machine's may list 127.0.0.x hosts of other runs, and
        // bbr would rightly refuse their new keys. Tests that want a known_hosts name it (BBR_KNOWN_HOSTS, or
        // -Duser.home as a JVM option, which comes later and wins).
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC",
                "-Duser.home=" + emptyHome()));
        List<String> bbrArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(JVM_OPTION)) {
                command.add(arg.substring(JVM_OPTION.length()));
            } else {
                bbrArgs.add(arg);
            }
        }
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(bbrArgs);
        return command;
    }

    static Path jar() {
        return Path.of(System.getProperty("bbr.jar", "../bbr/target/bbr.jar")).toAbsolutePath().normalize();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Thread pump(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "bbr-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
