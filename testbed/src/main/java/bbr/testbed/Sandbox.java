package bbr.testbed;

import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.SandboxJobs;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local sandbox: four test-bed VMs in three instance groups behind the Director simulator. It backs the
 * deployment up and restores it with the real {@code bin/bbr}, checks every byte came back, writes an env file for
 * more commands, and keeps running until stopped ({@code bin/sandbox stop} sends SIGTERM; the shutdown path
 * removes every VM, user and file it made).
 */
public final class Sandbox {

    static final String DEPLOYMENT = "sandbox";
    /** A second deployment, so that --all-deployments has more than one to run. */
    static final String SECOND_DEPLOYMENT = "redis";

    private Sandbox() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        Path state = Files.createDirectories(root.resolve("sandbox"));
        CountDownLatch stop = new CountDownLatch(1);
        VmFarm farm = VmFarm.start(5);
        List<Vm> sandboxVms = farm.vms().subList(0, 4);
        String secret = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(12));
        DirectorSimulator director = DirectorSimulator.builder()
                .auth(Auth.basic("admin", secret))
                .deployment(deployment(sandboxVms))
                .deployment(Deployment.named(SECOND_DEPLOYMENT).release("redis")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis").instance(farm.vm(4), true))
                        .build())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            director.close();
            farm.close();
            stop.countDown();
        }, "sandbox-stop"));
        farm.vms().forEach(SandboxJobs::install);
        Path env = writeEnv(state, director, secret);
        Path artifacts = Files.createDirectories(state.resolve("artifacts"));

        Map<String, String> before = SandboxJobs.checksums(sandboxVms);
        bbr(root, env, "backup", "--artifact-path", artifacts.toString());
        Path artifact = newest(artifacts);
        SandboxJobs.destroyData(sandboxVms);
        bbr(root, env, "restore", "--artifact-path", artifact.toString());
        if (!before.equals(SandboxJobs.checksums(sandboxVms))) {
            throw new IllegalStateException("restored data differs from what was backed up");
        }
        System.out.println();
        System.out.println("SANDBOX READY: deployment '" + DEPLOYMENT + "' (" + sandboxVms.size()
                + " VMs) backed up to " + artifact + " and restored; every byte matches.");
        System.out.println("Run more commands against it:");
        System.out.println("  source " + env + "   # BOSH_ENVIRONMENT, BOSH_CLIENT, BOSH_CLIENT_SECRET, "
                + "BOSH_CA_CERT, BOSH_DEPLOYMENT");
        System.out.println("  bin/bbr deployment pre-backup-check");
        System.out.println("  bin/bbr deployment backup --artifact-path " + artifacts);
        // env.sh names the deployment, and the original refuses a name together with --all-deployments.
        System.out.println("  BOSH_DEPLOYMENT= bin/bbr deployment --all-deployments backup --artifact-path " + artifacts
                + "   # also '" + SECOND_DEPLOYMENT + "' (1 VM, 256 MiB)");
        System.out.println("Stop it and remove everything it made: bin/sandbox stop");
        System.out.flush();
        stop.await();
    }

    private static Deployment deployment(List<Vm> vms) {
        return Deployment.named(DEPLOYMENT).release("cf").release("postgres").release("storage")
                .instanceGroup("api", g -> g.job("cloud_controller", "cf").instance(vms.get(0), true)
                        .instance(vms.get(1), false))
                .instanceGroup("database", g -> g.job("postgres", "postgres").instance(vms.get(2), true))
                .instanceGroup("blobstore", g -> g.job("blobstore", "storage").instance(vms.get(3), true))
                .build();
    }

    private static Path writeEnv(Path state, DirectorSimulator director, String secret) throws IOException {
        Path env = state.resolve("env.sh");
        Files.writeString(env, "export BOSH_ENVIRONMENT=" + director.url() + "\n"
                + "export BOSH_CLIENT=admin\n"
                + "export BOSH_CLIENT_SECRET=" + secret + "\n"
                + "export BOSH_CA_CERT=" + Files.writeString(state.resolve("ca.pem"), director.caCertPem()) + "\n"
                + "export BOSH_DEPLOYMENT=" + DEPLOYMENT + "\n");
        return env;
    }

    private static void bbr(Path root, Path env, String... subcommand) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source " + env + " && exec " + root.resolve("bin/bbr") + " deployment \"$@\"", "bbr"));
        command.addAll(List.of(subcommand));
        System.out.println("\n$ bin/bbr deployment " + String.join(" ", subcommand));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bbr " + subcommand[0] + " failed with exit code " + exit);
        }
    }

    private static Path newest(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).max(java.util.Comparator.comparing(Path::getFileName))
                    .orElseThrow();
        }
    }
}
