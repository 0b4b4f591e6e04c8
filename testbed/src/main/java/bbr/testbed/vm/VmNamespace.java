package bbr.testbed.vm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Linux namespaces (mount, PID, UTS) of one VM, held by an init process that the test bed started; every
 * command of the VM runs in them through {@code nsenter}.
 */
final class VmNamespace {

    static final String PID_FILE = "init.pid";
    private static final String INIT_LOG = "init.log";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process unshare;
    private final ProcessHandle init;
    private final Path vmDir;

    private VmNamespace(Process unshare, ProcessHandle init, Path vmDir) {
        this.unshare = unshare;
        this.init = init;
        this.vmDir = vmDir;
    }

    /** Starts the VM's init, which mounts the VM's private directories and then idles as PID 1. */
    static VmNamespace start(Path initScript, Path vmDir, String hostname) {
        List<String> argv = List.of("unshare", "--mount", "--pid", "--uts", "--fork", "--propagation", "private",
                "--mount-proc", "--kill-child", "/bin/bash", initScript.toString(), vmDir.toString(), hostname);
        Path log = vmDir.resolve(INIT_LOG);
        Process unshare;
        try {
            // Stdin stays a pipe that nothing writes to: it is the init's lifeline (see vm-init.sh).
            unshare = HostCommand.builder(argv).redirectError(log.toFile()).start();
            // A hung init is killed (with --kill-child, killing unshare kills init), which ends the read below.
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(unshare::destroyForcibly,
                    CompletableFuture.delayedExecutor(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            String firstLine = new BufferedReader(
                    new InputStreamReader(unshare.getInputStream(), StandardCharsets.UTF_8)).readLine();
            watchdog.cancel(false);
            if (!"ready".equals(firstLine)) {
                unshare.destroyForcibly();
                throw new TestBedException("the init of " + vmDir + " failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the init of " + vmDir, e);
        }
        ProcessHandle init = unshare.toHandle().children().findFirst()
                .orElseThrow(() -> new TestBedException("the init of " + vmDir + " vanished"));
        try {
            Files.writeString(vmDir.resolve(PID_FILE), init.pid() + "\n");
        } catch (IOException e) {
            init.destroyForcibly();
            throw new UncheckedIOException(e);
        }
        return new VmNamespace(unshare, init, vmDir);
    }

    /** The argv that runs {@code command} inside the VM, as root. */
    List<String> enter(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--target", Long.toString(init.pid()),
                "--mount", "--pid", "--uts", "--"));
        argv.addAll(command);
        return argv;
    }

    /**
     * Runs {@code command} inside the VM and waits for it. The VM's own {@code timeout} enforces the limit,
     * because killing nsenter on the host would leave the command running inside.
     */
    ExecResult run(List<String> command, Duration timeout) {
        String seconds = Math.max(1, timeout.toSeconds()) + "s";
        List<String> limited = new ArrayList<>(List.of("timeout", "--kill-after=2", seconds));
        limited.addAll(command);
        return HostCommand.run(enter(limited), timeout.plusSeconds(10));
    }

    /**
     * Where the host reaches a path of the VM through the init's root: /proc/PID/root resolves paths in the
     * VM's mount namespace, so this works for the VM's tmpfs mounts too, but only while the VM lives.
     */
    Path hostPath(Path vmPath) {
        return Path.of("/proc", Long.toString(init.pid()), "root").resolve(Path.of("/").relativize(vmPath));
    }

    /** The VM's init as the host sees it: PID 1 inside, an ordinary pid outside. */
    ProcessHandle init() {
        return init;
    }

    Path vmDir() {
        return vmDir;
    }

    /**
     * Ends the VM: closing the lifeline makes init exit, and SIGKILL makes sure of it. When PID 1 of a namespace
     * dies the kernel kills every other process in it, so no sshd or session survives.
     */
    void kill() {
        try (OutputStream lifeline = unshare.getOutputStream()) {
            lifeline.flush();
        } catch (IOException e) {
            // already closed: init is on its way out anyway
        }
        // Not unshare itself: it must live to reap init. Killed first, it would leave init a zombie for the
        // host's PID 1, which may reap it only a second or two later.
        init.destroyForcibly();
    }

    /** Waits until init, unshare and with them every process of the VM are gone. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        if (!unshare.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            unshare.destroyForcibly(); // --kill-child: its death takes init along, should init still run
            unshare.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (init.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        closeQuietly();
        return !unshare.isAlive() && !init.isAlive();
    }

    private void closeQuietly() {
        try {
            unshare.getInputStream().close();
        } catch (IOException e) {
            // nothing left to read
        }
    }
}
