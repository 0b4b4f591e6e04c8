package bbr.testbed.bench;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import java.io.IOException;
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

    static DeploymentRuns start(Path bbr, Deployment deployment) {
        // The simulator holds every task 100 ms queued and 300 ms processing by default, to let protocol tests
        // see each task state; a benchmark would only measure those sleeps, so its tasks finish as soon as their
        // work is done (the VM info lookup, creating or removing the SSH users).
        DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic(USER, PASSWORD))
                .taskDelays(Duration.ZERO, Duration.ZERO)
                .deployment(deployment)
                .start();
        return new DeploymentRuns(bbr, director, deployment.name());
    }

    @Override
    public Timing backup(Path directory) throws IOException, InterruptedException {
        return Commands.measure(command("backup", "--artifact-path", Files.createDirectories(directory).toString()));
    }

    @Override
    public Timing restore(Path directory) throws IOException, InterruptedException {
        return Commands.measure(command("restore", "--artifact-path", Artifacts.onlyArtifact(directory).toString()));
    }

    @Override
    public void close() {
        director.close();
    }

    private ProcessBuilder command(String... subcommand) {
        List<String> command = new ArrayList<>(List.of(bbr.toString(), "deployment", "--target", director.url(),
                "--username", USER, "--password", PASSWORD, "--ca-cert", director.caCertFile().toString(),
                "--deployment", deployment));
        command.addAll(List.of(subcommand));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
}
