package bbr.testbed.bench;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.director.TaskKind;
import bbr.testbed.director.TaskSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One real {@code bin/bbr deployment -d NAME} run (one JVM for every VM, as an operator runs it) against a
 * deployment of the Director simulator.
 */
final class DeploymentRuns implements BbrSide {

    /**
     * A real Director's tasks wait in its queue and for its workers: the measurements held each task 0.2 s
     * queued and 0.2 s processing, a fast Director (a loaded one takes seconds).
     */
    static final Duration REALISTIC_TASK_STATE = Duration.ofMillis(200);

    private static final int WARM_UP_RUNS = 3;
    private static final String USER = "admin";
    private static final String PASSWORD = "bench-secret";

    private final Path bbr;
    private final DirectorSimulator director;
    private final String deployment;

    private DeploymentRuns(Path bbr, DirectorSimulator director, String deployment) {
        this.bbr = bbr;
        this.director = director;
        this.deployment = deployment;
    }

    /**
     * Tasks that finish as soon as their work is done (the VM info lookup, creating or removing the SSH users): the
     * simulator's default 100 ms queued and 300 ms processing exist to let protocol tests see each task state.
     */
    static DeploymentRuns start(Path bbr, Deployment deployment) {
        return start(bbr, deployment, Duration.ZERO);
    }

    /** Every task held {@code perState} queued and {@code perState} processing at least. */
    static DeploymentRuns start(Path bbr, Deployment deployment, Duration perState) {
        DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(USER, PASSWORD))
                .taskDelays(perState, perState)
                .deployment(deployment)
                .start();
        DeploymentRuns runs = new DeploymentRuns(bbr, director, deployment.name());
        runs.warmUpDirector();
        return runs;
    }

    /**
     * A real Director has answered requests for days when bbr talks to it; the simulator starts cold in this JVM,
     * and its first TLS handshakes and task answers, interpreted, held the first round's Director requests several
     * times longer (the first {@code /info} 1.4 s against 0.4 s warm). A few untimed pre-backup-checks walk every
     * request a backup or restore makes (info, manifest, VM listing, SSH setup and cleanup) before round one.
     */
    private void warmUpDirector() {
        try {
            for (int run = 0; run < WARM_UP_RUNS; run++) {
                Commands.time(command("pre-backup-check").redirectOutput(ProcessBuilder.Redirect.DISCARD));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming the Director simulator up", e);
        }
    }

    @Override
    public BbrRun backup(Path directory) throws IOException, InterruptedException {
        return measure(command("backup", "--artifact-path", Files.createDirectories(directory).toString()));
    }

    @Override
    public BbrRun restore(Path directory) throws IOException, InterruptedException {
        return measure(command("restore", "--artifact-path", Artifacts.onlyArtifact(directory).toString()));
    }

    @Override
    public void close() {
        director.close();
    }

    private BbrRun measure(ProcessBuilder command) throws IOException, InterruptedException {
        long before = director.taskSpans().stream().mapToLong(TaskSpan::id).max().orElse(0);
        return Commands.measureLines(command, () -> director.taskSpans().stream()
                .filter(span -> span.id() > before)
                .filter(span -> span.kind() == TaskKind.VMS || span.kind() == TaskKind.SSH_SETUP)
                .mapToDouble(span -> span.duration().toNanos() / 1e9)
                .max().orElse(Double.NaN));
    }

    private ProcessBuilder command(String... subcommand) {
        List<String> command = new ArrayList<>(List.of(bbr.toString(), "deployment", "--target", director.url(),
                "--username", USER, "--password", PASSWORD, "--ca-cert", director.caCertFile().toString(),
                "--deployment", deployment));
        if (System.getenv("BENCH_DEBUG") != null) {
            command.add("--debug"); // with BENCH_TIMELINE: when each Director request and remote command happened
        }
        command.addAll(List.of(subcommand));
        return new ProcessBuilder(command);
    }
}
