package bbr.testbed.vm;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The OpenSSH daemon of one VM: started, stopped and stripped of its sessions on request, its log parsed. */
final class Sshd {

    static final String CONFIG = "/etc/ssh/sshd_config";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final VmNamespace namespace;
    private final String address;
    private final int port;
    private final Path log;
    private Process nsenter;
    private ProcessHandle listener;

    Sshd(VmNamespace namespace, String address, int port, Path log) {
        this.namespace = namespace;
        this.address = address;
        this.port = port;
        this.log = log;
    }

    /** Starts sshd in the foreground (-D) logging to stderr (-e), and returns once it listens. */
    synchronized void start() {
        if (isRunning()) {
            return;
        }
        long logStart = log.toFile().length();
        List<String> argv = namespace.enter(List.of("/usr/sbin/sshd", "-D", "-e", "-f", CONFIG));
        try {
            nsenter = HostCommand.builder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sshd in " + namespace.vmDir(), e);
        }
        awaitListening(logStart);
        // nsenter forks before it execs sshd (it must, to enter the PID namespace): its only child is the listener.
        listener = nsenter.toHandle().children().findFirst()
                .orElseThrow(() -> new TestBedException("sshd vanished right after starting: " + logSince(logStart)));
    }

    private void awaitListening(long logStart) {
        String listening = "Server listening on " + address + " port " + port + ".";
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!logSince(logStart).contains(listening)) {
                if (!nsenter.isAlive() || System.nanoTime() > deadline) {
                    nsenter.destroyForcibly();
                    throw new TestBedException("sshd did not start listening on " + address + ":" + port
                            + ":\n" + logSince(logStart));
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestBedException("interrupted while starting sshd", e);
        }
    }

    /** Kills the listener and every session: the VM becomes unreachable over SSH. */
    synchronized void stop() {
        if (listener == null) {
            return;
        }
        // The listener first, so that it cannot accept more; its sessions are then orphans, adopted by init.
        listener.destroyForcibly();
        try {
            listener.onExit().get(5, TimeUnit.SECONDS);
            nsenter.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestBedException("interrupted while stopping sshd", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TestBedException("sshd in " + namespace.vmDir() + " did not die", e);
        }
        listener = null;
        killOrphans();
    }

    /**
     * Kills every SSH session, and every command the sessions started, while the listener stays: live
     * connections drop at once, and connections made from now on are accepted and spared. Orphans adopted by
     * init go too, whatever started them.
     */
    synchronized void killSessions() {
        if (listener != null) {
            List<ProcessHandle> sessions = listener.descendants().collect(Collectors.toList());
            sessions.forEach(ProcessHandle::destroyForcibly);
            awaitGone(sessions);
        }
        killOrphans();
    }

    // A process forked by a session while it was being killed is an orphan by now, adopted by init; so are
    // its own children if it forked too, hence the rounds. Init never adopts a new session: that is the
    // listener's child.
    private void killOrphans() {
        for (int round = 0; round < 50; round++) {
            List<ProcessHandle> orphans = namespace.init().descendants().collect(Collectors.toList());
            if (orphans.isEmpty()) {
                return;
            }
            orphans.forEach(ProcessHandle::destroyForcibly);
            awaitGone(orphans);
        }
        throw new TestBedException("processes in " + namespace.vmDir() + " keep forking while being killed");
    }

    // Dead but not yet reaped counts as alive: wait for the reaping, by sshd or by init.
    private static void awaitGone(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
                if (System.nanoTime() > deadline) {
                    throw new TestBedException("processes survived SIGKILL: " + processes);
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestBedException("interrupted while killing SSH sessions", e);
        }
    }

    synchronized boolean isRunning() {
        return listener != null && listener.isAlive();
    }

    synchronized Optional<ProcessHandle> listener() {
        return Optional.ofNullable(listener);
    }

    /** The logins recorded since the VM started, across sshd restarts. */
    List<SshLogin> logins() {
        return logLines().stream().map(SshLogin::parse).flatMap(Optional::stream).collect(Collectors.toList());
    }

    List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logSince(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            byte[] tail = new byte[(int) Math.max(0, length - offset)];
            file.seek(Math.min(offset, length));
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
