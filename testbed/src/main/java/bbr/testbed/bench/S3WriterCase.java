package bbr.testbed.bench;

import bbr.testbed.s3.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 place's writer against local disk, both writing 1 GiB in a JVM of their own with bin/bbr's options: to the
 * test bed's S3 server on a loopback port (s3proxy, straight, not through the fault front; its data on the same disk)
 * and to a local directory as the local place does. Also the S3 writer's peak RSS, within bbr's 256 MiB budget.
 */
final class S3WriterCase {

    static final String NAME = "s3-writer-1gib";

    /** A backup to s3:// within 1.25 times the same backup to local disk (issue #13). */
    private static final double TARGET = 1.25;
    private static final double BUDGET_MIB = 256;
    private static final long GIB = 1L << 30;

    private S3WriterCase() {
    }

    static void run(BenchSettings settings) throws Exception {
        long bytes = settings.bytes(GIB);
        Path base = Files.createDirectories(settings.work().resolve("s3-writer"));
        try (S3Server server = S3Server.builder().directory(base.resolve("server")).start()) {
            List<Double> local = new ArrayList<>();
            List<Double> s3 = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                Path directory = Files.createDirectories(base.resolve("local-" + round));
                local.add(Commands.time(run(settings, "local", directory.toString(), bytes)));
                Commands.deleteTree(directory);

                String bucket = "bench-" + round;
                server.createBucket(bucket);
                ProcessBuilder upload = run(settings, "s3", "s3://" + bucket + "/cf", bytes);
                upload.environment().putAll(server.environment());
                upload.environment().put("AWS_ENDPOINT_URL", server.directEndpoint().toString());
                long start = System.nanoTime();
                rss.add(PeakRss.mebibytes(upload, settings.work()));
                s3.add((System.nanoTime() - start) / 1e9);
                Commands.deleteTree(base.resolve("server/blobs/" + bucket));
            }
            String size = BenchSettings.label(bytes);
            Table.row(NAME, "write s, " + size + " (local disk)", Table.median(local), Table.median(s3), TARGET);
            Table.row(NAME, "peak RSS MiB, " + size + " to s3", BUDGET_MIB, Table.median(rss), 1.0);
        }
    }

    /** The writer in a JVM with bin/bbr's options, on bbr's shaded jar and the test bed's classes. */
    private static ProcessBuilder run(BenchSettings settings, String mode, String target, long bytes) {
        Path root = settings.root();
        String classpath = root.resolve("bbr/target/bbr.jar") + ":" + root.resolve("testbed/target/classes");
        return new ProcessBuilder("java", "-XX:+UseSerialGC", "-Xss1m", "-XX:-UsePerfData", "-cp", classpath,
                S3WriterRun.class.getName(), mode, target, Long.toString(bytes))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
}
