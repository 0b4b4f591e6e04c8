package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.artifact.store.BackupFiles;
import bbr.artifact.store.StoredFileWriter;
import bbr.testbed.director.CertificateAuthority;
import bbr.testbed.s3.S3Operation;
import bbr.testbed.s3.S3Request;
import bbr.testbed.s3.S3Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The S3 place against the test bed's real S3 server, with its faults made to happen for real. */
class S3PlaceIT {

    private static final int PART = 5 << 20;
    private static final String BUCKET = "backups";
    private static final String BACKUP = "redis_20261127T001500Z";
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z]+\\.[a-z]+\\.[A-Za-z.]*[A-Z]|Exception");

    private S3Server server;
    private S3Place place;

    @BeforeEach
    void start() {
        server = S3Server.builder().start();
        server.createBucket(BUCKET);
    }

    @AfterEach
    void stop() {
        if (place != null) {
            place.close();
        }
        server.close();
    }

    @Test
    void checkWritable_writesAndRemovesAProbe_leavingNothing() throws IOException {
        place = open("s3://" + BUCKET + "/deployments", settings());

        place.checkWritable();

        assertThat(server.keys(BUCKET)).isEmpty();
        assertThat(server.requests()).extracting(S3Request::operation)
                .contains(S3Operation.LIST_OBJECTS, S3Operation.PUT_OBJECT, S3Operation.DELETE_OBJECT);
    }

    @Test
    void checkWritable_withAWrongSecretKey_isRefused_namingBucketAndEndpoint_neverTheKey() {
        S3Settings.StaticCredentials wrong = new S3Settings.StaticCredentials(server.accessKey(),
                "wrong-secret-key-0123456789abcdef", null);
        place = open("s3://" + BUCKET + "/deployments", settings().withCredentials(wrong));

        assertThatThrownBy(place::checkWritable).satisfies(e -> {
            assertThat(e.getMessage()).contains("s3://" + BUCKET + "/deployments").contains(endpoint())
                    .contains("credentials were refused").contains("403")
                    .doesNotContain("wrong-secret-key").doesNotContain(server.secretKey());
            assertHasNoClassName(e.getMessage());
        });
        assertThat(server.keys(BUCKET)).isEmpty();
    }

    @Test
    void checkWritable_onAMissingBucket_saysSo_namingItAndTheEndpoint() {
        place = open("s3://no-such-bucket/deployments", settings());

        assertThatThrownBy(place::checkWritable).satisfies(e -> {
            assertThat(e.getMessage()).contains("s3://no-such-bucket/deployments").contains(endpoint())
                    .contains("the bucket does not exist").contains("NoSuchBucket");
            assertHasNoClassName(e.getMessage());
        });
    }

    @Test
    void checkWritable_whenTheServerIsDown_saysItCannotConnect() {
        place = open("s3://" + BUCKET, settings().withRetries(2, Duration.ofSeconds(1)));
        server.stop();

        assertThatThrownBy(place::checkWritable).satisfies(e -> {
            assertThat(e.getMessage()).contains("s3://" + BUCKET).contains(endpoint()).contains("cannot connect");
            assertHasNoClassName(e.getMessage());
        });
    }

    @Test
    void objects_areNamedPrefixBackupFile_andReadBackWithTheAwsCli() throws Exception {
        place = open("s3://" + BUCKET + "/cf/prod", settings());
        byte[] data = random(2 * PART + 99, 1);

        write(place.create(BACKUP), "bosh-0-db.tar", data);

        assertThat(server.keys(BUCKET)).containsExactly("cf/prod/" + BACKUP + "/bosh-0-db.tar");
        assertThat(awsCliRead("s3://" + BUCKET + "/cf/prod/" + BACKUP + "/bosh-0-db.tar")).isEqualTo(data);
        assertThat(server.requests()).extracting(S3Request::operation).containsSubsequence(
                S3Operation.CREATE_MULTIPART_UPLOAD, S3Operation.UPLOAD_PART, S3Operation.UPLOAD_PART,
                S3Operation.UPLOAD_PART, S3Operation.COMPLETE_MULTIPART_UPLOAD, S3Operation.HEAD_OBJECT);
    }

    @Test
    void slowDownForAWhile_isRetried_andTheFileArrivesWhole() throws IOException {
        place = open("s3://" + BUCKET, settings());
        server.faults().slowDown(S3Operation.CREATE_MULTIPART_UPLOAD, 2).slowDown(S3Operation.UPLOAD_PART, 3)
                .slowDown(S3Operation.COMPLETE_MULTIPART_UPLOAD, 1);
        byte[] data = random(2 * PART + 7, 2);

        write(place.create(BACKUP), "bosh-0-db.tar", data);

        assertThat(server.read(BUCKET, BACKUP + "/bosh-0-db.tar")).isEqualTo(data);
        assertThat(server.requests()).filteredOn(r -> r.status() == 503).hasSize(6);
    }

    @Test
    void aByteFlippedOnItsWay_isRefusedByTheStoresChecksum_andSentAgain() throws IOException {
        place = open("s3://" + BUCKET, settings());
        server.faults().corruptBody(S3Operation.UPLOAD_PART, 1).corruptBody(S3Operation.PUT_OBJECT, 1);
        byte[] large = random(PART + 5, 3);
        byte[] small = random(1000, 4);

        BackupFiles files = place.create(BACKUP);
        write(files, "bosh-0-db.tar", large);
        write(files, "metadata", small);

        assertThat(server.read(BUCKET, BACKUP + "/bosh-0-db.tar")).isEqualTo(large);
        assertThat(server.read(BUCKET, BACKUP + "/metadata")).isEqualTo(small);
        assertThat(server.requests()).filteredOn(r -> r.status() == 400).extracting(S3Request::operation)
                .containsExactlyInAnyOrder(S3Operation.UPLOAD_PART, S3Operation.PUT_OBJECT);
    }

    @Test
    void everyTryOfAPartArrivingDamaged_failsTheFile_andLeavesNoUpload() throws IOException {
        place = open("s3://" + BUCKET, settings().withRetries(2, Duration.ofSeconds(30)));
        server.faults().corruptBody(S3Operation.UPLOAD_PART, 100);
        BackupFiles files = place.create(BACKUP);

        assertThatThrownBy(() -> write(files, "bosh-0-db.tar", random(2 * PART + 1, 5))).satisfies(e -> {
            assertThat(e.getMessage()).containsPattern("part [12] of").contains("s3://" + BUCKET + "/" + BACKUP + "/bosh-0-db.tar")
                    .contains(endpoint()).contains("400");
            assertHasNoClassName(e.getMessage());
        });
        assertThat(server.keys(BUCKET)).isEmpty();
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void serverStoppedMidUpload_failsTheFile_andTheAbortWaitsForItsReturn_leavingNoUpload() throws Exception {
        place = open("s3://" + BUCKET, settings().withRetries(2, Duration.ofMinutes(2)));
        BackupFiles files = place.create(BACKUP);
        StoredFileWriter writer = files.create("bosh-0-db.tar");
        OutputStream out = writer.stream();
        out.write(random(2 * PART, 6));
        awaitRequests(S3Operation.UPLOAD_PART, 2);

        server.stop();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 8; i++) {
                out.write(random(PART, 7 + i));
            }
            writer.commit();
        }).satisfies(e -> {
            assertThat(e.getMessage()).contains("s3://" + BUCKET + "/" + BACKUP + "/bosh-0-db.tar").contains(endpoint())
                    .contains("cannot connect");
            assertHasNoClassName(e.getMessage());
        });
        CompletableFuture<Void> abort = CompletableFuture.runAsync(() -> {
            try {
                writer.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(1_000);
        server.restart();

        abort.get(2, TimeUnit.MINUTES);
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
        assertThat(server.keys(BUCKET)).isEmpty();
    }

    @Test
    void serverBackWithinTheRetries_theUploadCarriesOn_andTheFileArrivesWhole() throws Exception {
        place = open("s3://" + BUCKET, settings());
        byte[] data = random(4 * PART + 3, 8);
        BackupFiles files = place.create(BACKUP);
        try (StoredFileWriter writer = files.create("bosh-0-db.tar")) {
            writer.stream().write(data, 0, 2 * PART);
            awaitRequests(S3Operation.UPLOAD_PART, 1);
            server.stop();
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                sleep(1_500);
                server.restart();
            });
            writer.stream().write(data, 2 * PART, data.length - 2 * PART);
            writer.commit();
            back.get();
        }

        assertThat(server.read(BUCKET, BACKUP + "/bosh-0-db.tar")).isEqualTo(data);
        assertThat(server.multipartUploads(BUCKET)).isEmpty();
    }

    @Test
    void diskFullOnTheStore_failsTheFile_namingIt_andLeavesNoUpload() throws IOException {
        server.createBucketOnTmpfs("small", 8L << 20);
        place = open("s3://small", settings().withRetries(2, Duration.ofSeconds(30)));
        BackupFiles files = place.create(BACKUP);

        assertThatThrownBy(() -> write(files, "bosh-0-db.tar", random(4 * PART, 9))).satisfies(e -> {
            assertThat(e.getMessage()).contains("s3://small/" + BACKUP + "/bosh-0-db.tar").contains(endpoint());
            assertHasNoClassName(e.getMessage());
        });
        assertThat(server.multipartUploads("small")).isEmpty();
        assertThat(server.keys("small")).isEmpty();
    }

    @Test
    void tlsWithTheStoresCaInAwsCaBundle_works_andWithoutIt_isRefusedAsUntrusted() throws IOException {
        CertificateAuthority ca = CertificateAuthority.generate("bbr test bed S3 CA");
        try (S3Server tls = S3Server.builder().tls(ca).start()) {
            tls.createBucket(BUCKET);
            byte[] data = random(PART + 1, 10);
            try (S3Place trusted = open("s3://" + BUCKET, S3Settings.fromEnvironment(tls.environment()))) {
                trusted.checkWritable();
                write(trusted.create(BACKUP), "bosh-0-db.tar", data);
            }
            assertThat(tls.read(BUCKET, BACKUP + "/bosh-0-db.tar")).isEqualTo(data);

            Map<String, String> withoutBundle = new HashMap<>(tls.environment());
            withoutBundle.remove("AWS_CA_BUNDLE");
            try (S3Place untrusted = open("s3://" + BUCKET, S3Settings.fromEnvironment(withoutBundle)
                    .withRetries(1, Duration.ofSeconds(1)))) {
                assertThatThrownBy(untrusted::checkWritable).satisfies(e -> {
                    assertThat(e.getMessage()).contains("s3://" + BUCKET).contains(tls.endpoint().toString())
                            .contains("TLS certificate is not trusted").contains("AWS_CA_BUNDLE");
                    assertHasNoClassName(e.getMessage());
                });
            }
        }
    }

    private S3Settings settings() {
        return S3Settings.fromEnvironment(server.environment()).withParts(PART, 2);
    }

    private static S3Place open(String url, S3Settings settings) {
        return S3Place.open(url, settings);
    }

    private String endpoint() {
        return server.endpoint().toString();
    }

    private void awaitRequests(S3Operation operation, int count) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (server.requests().stream().filter(r -> r.operation() == operation && r.status() == 200).count()
                    >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + count + " x " + operation + " in " + server.requests());
    }

    private byte[] awsCliRead(String url) throws IOException, InterruptedException {
        ProcessBuilder aws = new ProcessBuilder("aws", "--endpoint-url", endpoint(), "s3", "cp", url, "-");
        aws.environment().putAll(server.environment());
        aws.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = aws.start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(process.waitFor()).as("aws s3 cp").isZero();
        return out;
    }

    private static void write(BackupFiles files, String name, byte[] data) throws IOException {
        try (StoredFileWriter writer = files.create(name)) {
            writer.stream().write(data);
            writer.commit();
        }
    }

    private static void assertHasNoClassName(String message) {
        assertThat(CLASS_NAME.matcher(message).find()).as("a Java class name in: " + message).isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
