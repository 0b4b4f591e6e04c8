package bbr.testbed.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a program on the host with a predictable environment and captures its exit code and output. */
final class HostCommand {

    private HostCommand() {
    }

    /** A process builder whose environment does not leak the JVM's (Maven's, the IDE's) into the VMs. */
    static ProcessBuilder builder(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(new java.io.File("/"));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", "/root");
        env.put("LANG", "C.UTF-8");
        return builder;
    }

    static ExecResult run(List<String> argv, Duration timeout) {
        String shown = String.join(" ", argv);
        Process process;
        try {
            process = builder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + shown, e);
        }
        // Both pipes are drained concurrently: a command that fills one while we block on the other would hang.
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TestBedException("timed out after " + timeout + ": " + shown);
            }
            return new ExecResult(shown, process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TestBedException("interrupted while running " + shown, e);
        } catch (ExecutionException e) {
            throw new TestBedException("cannot read the output of " + shown, e.getCause());
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "testbed-output-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
