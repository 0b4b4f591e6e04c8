package bbr.testbed;

import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.jobs.SandboxJobs;
import bbr.testbed.s3.S3Server;
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
 * The local sandbox: four test-bed VMs in three instance groups behind the Director simulator, and the test bed's
 * S3 server with the bucket {@code sandbox}. With the real {@code bin/bbr} it backs the deployment up to
 * {@code s3://sandbox/backups}, compressed and encrypted, with a {@code --copy-to} local directory, lists the
 * bucket, verifies the backup there and restores from it, checks every byte came back, writes an env file for more
 * commands, and keeps running until stopped ({@code bin/sandbox stop} sends SIGTERM; the shutdown path removes
 * every VM, user and file it made, and the S3 server with its data).
 */
public final class Sandbox {

    static final String DEPLOYMENT = "sandbox";
    /** A second deployment, so that --all-deployments has more than one to run. */
    static final String SECOND_DEPLOYMENT = "redis";
    static final String BUCKET = "sandbox";
    static final String BACKUPS = "s3://" + BUCKET + "/backups";

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
        S3Server s3 = S3Server.builder().start();
        s3.createBucket(BUCKET);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            director.close();
            s3.close();
            farm.close();
            stop.countDown();
        }, "sandbox-stop"));
        farm.vms().forEach(SandboxJobs::install);
        Path env = writeEnv(state, director, secret, s3);
        Path artifacts = Files.createDirectories(state.resolve("artifacts"));
        Path key = state.resolve("backup-key.txt");
        String recipient = ageKeygen(key);

        Map<String, String> before = SandboxJobs.checksums(sandboxVms);
        bbr(root, env, "deployment", "backup", "--artifact-path", BACKUPS, "--compress", "--encrypt-to", recipient,
                "--copy-to", artifacts.toString());
        String name = newest(artifacts).getFileName().toString();
        bbr(root, env, "list", "--artifact-path", BACKUPS);
        bbr(root, env, "verify", "--artifact-path", BACKUPS + "/" + name, "--identity", key.toString());
        SandboxJobs.destroyData(sandboxVms);
        bbr(root, env, "deployment", "restore", "--artifact-path", BACKUPS + "/" + name, "--identity",
                key.toString());
        if (!before.equals(SandboxJobs.checksums(sandboxVms))) {
            throw new IllegalStateException("restored data differs from what was backed up");
        }
        System.out.println();
        System.out.println("SANDBOX READY: deployment '" + DEPLOYMENT + "' (" + sandboxVms.size()
                + " VMs) backed up to " + BACKUPS + "/" + name + " (and a copy in " + artifacts
                + "), verified, and restored from the bucket; every byte matches.");
        System.out.println("Run more commands against it:");
        System.out.println("  source " + env + "   # BOSH_ENVIRONMENT, BOSH_CLIENT, BOSH_CLIENT_SECRET, "
                + "BOSH_CA_CERT, BOSH_DEPLOYMENT, the AWS_* variables of the S3 server, BBR_S3_PATH_STYLE");
        System.out.println("  bin/bbr deployment pre-backup-check --artifact-path " + BACKUPS);
        System.out.println("  bin/bbr deployment backup --artifact-path " + artifacts);
        System.out.println("  bin/bbr deployment backup --artifact-path " + BACKUPS + " --copy-to " + artifacts);
        System.out.println("  bin/bbr list --artifact-path " + BACKUPS);
        System.out.println("  bin/bbr verify --artifact-path " + BACKUPS + "/" + name + " --identity " + key);
        // env.sh names the deployment, and the original refuses a name together with --all-deployments.
        System.out.println("  BOSH_DEPLOYMENT= bin/bbr deployment --all-deployments backup --artifact-path " + BACKUPS
                + "   # also '" + SECOND_DEPLOYMENT + "' (1 VM, 256 MiB)");
        System.out.println("  aws s3 ls --recursive s3://" + BUCKET + "   # the objects, with the AWS CLI");
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

    private static Path writeEnv(Path state, DirectorSimulator director, String secret, S3Server s3)
            throws IOException {
        Path env = state.resolve("env.sh");
        StringBuilder text = new StringBuilder("export BOSH_ENVIRONMENT=" + director.url() + "\n"
                + "export BOSH_CLIENT=admin\n"
                + "export BOSH_CLIENT_SECRET=" + secret + "\n"
                + "export BOSH_CA_CERT=" + Files.writeString(state.resolve("ca.pem"), director.caCertPem()) + "\n"
                + "export BOSH_DEPLOYMENT=" + DEPLOYMENT + "\n");
        s3.environment().forEach((name, value) -> text.append("export ").append(name).append('=').append(value)
                .append('\n'));
        Files.writeString(env, text);
        return env;
    }

    /** A new age identity in {@code file}, made by {@code age-keygen} as an operator makes one; its recipient. */
    private static String ageKeygen(Path file) throws IOException, InterruptedException {
        Process keygen = new ProcessBuilder("age-keygen", "-o", file.toString()).redirectErrorStream(true).start();
        String out = new String(keygen.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new IllegalStateException("age-keygen failed: " + out);
        }
        return Files.readAllLines(file).stream().filter(line -> line.startsWith("# public key: "))
                .map(line -> line.substring("# public key: ".length())).findFirst()
                .orElseThrow(() -> new IllegalStateException("age-keygen wrote no public key in " + file));
    }

    /** {@code bin/bbr ARGS…} with the env file sourced, its output on the sandbox's. */
    private static void bbr(Path root, Path env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "source " + env + " && exec " + root.resolve("bin/bbr") + " \"$@\"", "bbr"));
        command.addAll(List.of(args));
        System.out.println("\n$ bin/bbr " + String.join(" ", args));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bbr " + String.join(" ", args) + " failed with exit code " + exit);
        }
    }

    private static Path newest(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).max(java.util.Comparator.comparing(Path::getFileName))
                    .orElseThrow();
        }
    }
}
