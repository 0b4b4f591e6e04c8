package bbr.testbed.bench;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.s3.S3Server;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The real {@code bin/bbr} backing a director VM up to {@code s3://} on the test bed's S3 server (s3proxy, straight,
 * not through the fault front, in this JVM: its CPU is this process's) against the same backup to local disk; the
 * restore from each; the backup with one {@code --copy-to} a second bucket; and for a backup of 4 GiB to s3://, peak
 * RSS and the local disk bbr used ({@code $TMPDIR} and the working directory, sampled).
 */
final class S3BackupCase {

    static final String NAME = "s3-backup-1gib";

    private static final double TARGET = 1.25;
    private static final double COPY_TARGET = 1.35;
    private static final double RSS_BUDGET_MIB = 256;
    private static final double DISK_BUDGET_MIB = 64;
    private static final long GIB = 1L << 30;

    private S3BackupCase() {
    }

    static void run(BenchSettings settings) throws Exception {
        Path base = Files.createDirectories(settings.work().resolve("s3-backup"));
        long bytes = settings.bytes(GIB);
        try (VmFarm farm = VmFarm.start(1); S3Server server = S3Server.builder().directory(base.resolve("server"))
                .start(); S3Server tls = S3Server.builder().directory(base.resolve("tls")).tls(
                        bbr.testbed.director.CertificateAuthority.generate("bench S3 CA")).start()) {
            Vm vm = farm.vm(0);
            DataJob.install(vm);
            DataJob.addToOneFile(vm, bytes);
            Map<String, String> env = new java.util.HashMap<>(server.environment());
            env.put("AWS_ENDPOINT_URL", server.directEndpoint().toString());
            List<Timing> local = new ArrayList<>();
            List<Timing> s3 = new ArrayList<>();
            List<Timing> copied = new ArrayList<>();
            List<Timing> restoreLocal = new ArrayList<>();
            List<Timing> restoreS3 = new ArrayList<>();
            List<Double> serverCpu = new ArrayList<>();
            List<Timing> overTls = new ArrayList<>();
            List<Double> tlsServerCpu = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                Path directory = Files.createDirectories(base.resolve("local-" + round));
                local.add(Commands.measure(DirectorRuns.backupCommand(settings.bbr(), vm, directory)));
                restoreLocal.add(Commands.measure(DirectorRuns.command(settings.bbr(), vm, "restore",
                        "--artifact-path", Artifacts.onlyArtifact(directory).toString())));
                Commands.deleteTree(directory);

                String bucket = "bench-" + round;
                server.createBucket(bucket);
                double cpuBefore = ownCpuSeconds();
                s3.add(Commands.measure(withEnv(DirectorRuns.command(settings.bbr(), vm, "backup",
                        "--artifact-path", "s3://" + bucket + "/cf"), env)));
                serverCpu.add(ownCpuSeconds() - cpuBefore);
                String name = server.keys(bucket).get(0).split("/")[1];
                restoreS3.add(Commands.measure(withEnv(DirectorRuns.command(settings.bbr(), vm, "restore",
                        "--artifact-path", "s3://" + bucket + "/cf/" + name), env)));
                Commands.deleteTree(base.resolve("server/blobs/" + bucket));

                // Over HTTPS the SDK sends UNSIGNED-PAYLOAD with a Content-MD5 instead of signing each part's SHA-256.
                tls.createBucket(bucket);
                cpuBefore = ownCpuSeconds();
                overTls.add(Commands.measure(withEnv(DirectorRuns.command(settings.bbr(), vm, "backup",
                        "--artifact-path", "s3://" + bucket + "/cf"), tls.environment())));
                tlsServerCpu.add(ownCpuSeconds() - cpuBefore);
                Commands.deleteTree(base.resolve("tls/blobs/" + bucket));

                server.createBucket(bucket + "-a");
                server.createBucket(bucket + "-b");
                copied.add(Commands.measure(withEnv(DirectorRuns.command(settings.bbr(), vm, "backup",
                        "--artifact-path", "s3://" + bucket + "-a/cf", "--copy-to", "s3://" + bucket + "-b/cf"), env)));
                Commands.deleteTree(base.resolve("server/blobs/" + bucket + "-a"));
                Commands.deleteTree(base.resolve("server/blobs/" + bucket + "-b"));
            }
            String size = BenchSettings.label(bytes);
            Table.row(NAME, "backup s, " + size + " (local disk)", Timing.medianSeconds(local),
                    Timing.medianSeconds(s3), TARGET);
            Table.row(NAME, "restore s, " + size + " (local disk)", Timing.medianSeconds(restoreLocal),
                    Timing.medianSeconds(restoreS3), TARGET);
            Table.row(NAME, "backup s, --copy-to 2nd bucket", Timing.medianSeconds(local),
                    Timing.medianSeconds(copied), COPY_TARGET);
            Table.row(NAME, "machine CPU s, backup", Timing.medianCpuSeconds(local), Timing.medianCpuSeconds(s3), 0);
            Table.info(NAME, "s3proxy CPU s, backup to s3", Table.median(serverCpu));
            Table.row(NAME, "backup s, s3 over HTTPS", Timing.medianSeconds(local), Timing.medianSeconds(overTls),
                    TARGET);
            Table.row(NAME, "machine CPU s, over HTTPS", Timing.medianCpuSeconds(local),
                    Timing.medianCpuSeconds(overTls), 0);
            Table.info(NAME, "s3proxy CPU s, over HTTPS", Table.median(tlsServerCpu));

            long large = settings.bytes(4 * GIB);
            DataJob.addToOneFile(vm, large - bytes);
            server.createBucket("bench-large");
            Path tmp = Files.createDirectories(base.resolve("tmpdir"));
            Path cwd = Files.createDirectories(base.resolve("cwd"));
            ProcessBuilder backup = withEnv(DirectorRuns.command(settings.bbr(), vm, "backup", "--artifact-path",
                    "s3://bench-large/cf"), env).directory(cwd.toFile());
            backup.environment().put("TMPDIR", tmp.toString());
            AtomicLong peakDisk = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakDisk.accumulateAndGet(bytesIn(tmp) + bytesIn(cwd), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "disk-sampler");
            sampler.setDaemon(true);
            sampler.start();
            double rss = PeakRss.mebibytes(backup, settings.work());
            sampler.interrupt();
            sampler.join();
            String largeSize = BenchSettings.label(large);
            Table.row(NAME, "peak RSS MiB, " + largeSize + " to s3", RSS_BUDGET_MIB, rss, 1.0);
            Table.row(NAME, "local disk MiB, " + largeSize + " to s3", DISK_BUDGET_MIB,
                    peakDisk.get() / (double) (1 << 20), 1.0);
        }
    }

    private static ProcessBuilder withEnv(ProcessBuilder command, Map<String, String> env) {
        command.environment().putAll(env);
        return command;
    }

    /** CPU seconds of this JVM, whose threads are s3proxy's (and the bench's, idle while bbr runs). */
    private static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static long bytesIn(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // removed meanwhile
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
