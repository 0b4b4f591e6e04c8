package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.director.CertificateAuthority;
import bbr.testbed.s3.S3Operation;
import bbr.testbed.s3.S3Server;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a backup to {@code s3://} does when the store misbehaves, with the real CLI, a real VM and the test bed's S3
 * server: stopped mid-upload, throttling, wrong credentials, no such bucket, a full disk, one failing
 * {@code --copy-to}, and an untrusted TLS certificate. Each says which bucket and key, and what was left where.
 */
class S3FaultsIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    /** Two parts and a bit at the test's 5 MiB parts. */
    private static final int DATA = (10 << 20) + 4_321;

    private static S3Server server;

    @TempDir
    Path workDir;

    private Vm vm;

    @BeforeAll
    static void startServer() {
        server = S3Server.builder().start();
        server.createBucket("faults");
        server.createBucketOnTmpfs("full", 6L << 20);
        server.createBucketOnTmpfs("fullcopy", 6L << 20);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        S3Cli.storeJob(vm, DATA, 7);
    }

    @AfterEach
    void clearFaults() {
        server.faults().clear();
    }

    @Test
    void serverStoppedMidUpload_exits1_namingTheObject_andLeavesNoMetadataAndNoUploadOnceItIsBack() throws Exception {
        // One part in flight and no retries: the part the server holds when it stops is the one that fails.
        Map<String, String> env = S3Cli.environment(server, Map.of("BBR_S3_PARTS_IN_FLIGHT", "1",
                "AWS_MAX_ATTEMPTS", "1"));
        CountDownLatch held = server.faults().holdUntilStopped(S3Operation.UPLOAD_PART);
        BbrRun backup;
        try (BbrProcess process = BbrProcess.start(workDir, env, DirectorFlags.forVm(vm, "backup",
                "--artifact-path", "s3://faults/stopped"))) {
            assertThat(held.await(2, TimeUnit.MINUTES)).as("an upload part arrived").isTrue();
            server.stop();
            Thread.sleep(1_000);
            server.restart(); // bbr keeps trying to abort the upload until the store is back
            backup = process.await(Duration.ofMinutes(3));
        }

        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
        assertThat(backup.stderr()).containsPattern("Error streaming backup for job store on bosh/0: cannot upload"
                + " part 1 of s3://faults/stopped/127\\.0\\.0\\.\\d+_\\d{8}T\\d{6}Z/bosh-0-store\\.tar at "
                + server.endpoint());
        assertThat(keys("stopped/")).as("no metadata object, no partial tar").isEmpty();
        assertThat(server.multipartUploads("faults")).as("the upload was aborted once the store was back").isEmpty();
        assertThat(S3Cli.scriptsRun(vm)).contains("post-backup-unlock");
    }

    @Test
    void slowDownForAWhile_isRetried_andTheBackupSucceeds() {
        server.faults().slowDown(S3Operation.UPLOAD_PART, 3).slowDown(S3Operation.PUT_OBJECT, 2);
        Map<String, String> env = S3Cli.environment(server, Map.of());

        BbrRun backup = S3Cli.director(vm, workDir, env, "backup", "--artifact-path", "s3://faults/throttled");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(server.requests().stream().filter(r -> r.status() == 503).count()).isEqualTo(5);
        List<String> keys = keys("throttled/");
        assertThat(keys).hasSize(2).anyMatch(k -> k.endsWith("/metadata"));
        String url = "s3://faults/" + keys.get(0).substring(0, keys.get(0).lastIndexOf('/'));
        BbrRun verify = S3Cli.run(workDir, env, "verify", "--artifact-path", url);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }

    @Test
    void wrongCredentialsOrAMissingBucket_areRefusedBeforeAnyLock_namingBucketAndEndpoint_neverTheKey() {
        String wrongSecret = "wr0ng-s3cret-0f-th3-0perat0r-xyz";
        Map<String, String> wrong = S3Cli.environment(server, Map.of("AWS_SECRET_ACCESS_KEY", wrongSecret));
        Map<String, String> env = S3Cli.environment(server, Map.of());

        BbrRun refused = S3Cli.director(vm, workDir, wrong, "--debug", "backup", "--artifact-path",
                "s3://faults/wrongkey");
        BbrRun missing = S3Cli.director(vm, workDir, env, "backup", "--artifact-path", "s3://no-such-bucket/x");
        BbrRun check = S3Cli.director(vm, workDir, env, "pre-backup-check", "--artifact-path", "s3://faults/ok",
                "--copy-to", "s3://no-such-bucket");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("cannot use s3://faults/wrongkey at " + server.endpoint()
                + ": the credentials were refused (403 SignatureDoesNotMatch");
        assertThat(refused.toString()).doesNotContain(wrongSecret).doesNotContain(server.secretKey());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.stderr()).contains("cannot use s3://no-such-bucket/x at " + server.endpoint()
                + ": the bucket does not exist (404 NoSuchBucket");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.stdout()).contains("Director cannot be backed up.")
                .contains("cannot use s3://no-such-bucket at " + server.endpoint() + ": the bucket does not exist");
        assertThat(S3Cli.scriptsRun(vm)).as("no lock, no backup script ran").isEmpty();
        assertThat(keys("wrongkey/")).isEmpty();
        assertThat(keys("ok/")).as("the probe of the good bucket was removed").isEmpty();
    }

    @Test
    void storesDiskFull_exits1_namingTheObject_andLeavesNoMetadataAndNoUpload() {
        Map<String, String> env = S3Cli.environment(server, Map.of("AWS_MAX_ATTEMPTS", "2"));

        BbrRun backup = S3Cli.director(vm, workDir, env, "backup", "--artifact-path", "s3://full/cf");

        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
        assertThat(backup.stderr()).containsPattern("Error streaming backup for job store on bosh/0: cannot upload"
                + " part \\d of s3://full/cf/127\\.0\\.0\\.\\d+_\\d{8}T\\d{6}Z/bosh-0-store\\.tar at "
                + server.endpoint());
        assertThat(server.keys("full")).as("no metadata object, no partial tar").isEmpty();
        assertThat(server.multipartUploads("full")).isEmpty();
        assertThat(S3Cli.scriptsRun(vm)).contains("post-backup-unlock");
    }

    @Test
    void oneCopyToFailing_exits1_namingIt_whileTheOtherCopiesAreWholeAndVerified() throws Exception {
        Files.createDirectory(workDir.resolve("local"));
        Map<String, String> env = S3Cli.environment(server, Map.of("AWS_MAX_ATTEMPTS", "2"));

        BbrRun backup = S3Cli.director(vm, workDir, env, "backup", "--artifact-path", "s3://faults/copied",
                "--copy-to", "s3://fullcopy", "--copy-to", "local");

        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
        Path local;
        try (Stream<Path> entries = Files.list(workDir.resolve("local"))) {
            local = entries.findFirst().orElseThrow();
        }
        String name = local.getFileName().toString();
        assertThat(backup.stdout()).contains("Copy s3://faults/copied/" + name + ": good")
                .contains("Copy s3://fullcopy/" + name + ": FAILED").contains("Copy " + local + ": good")
                .contains("Backup created of");
        assertThat(backup.stderr()).contains("The copy of the backup at s3://fullcopy/" + name + " failed: cannot")
                .contains("bosh-0-store.tar: cannot upload part").contains("s3://fullcopy/" + name
                + "/bosh-0-store.tar at " + server.endpoint());
        assertThat(server.keys("fullcopy")).as("the failed copy has no metadata and no partial tar").isEmpty();
        assertThat(server.multipartUploads("fullcopy")).isEmpty();
        for (String place : List.of("s3://faults/copied/" + name, local.toString())) {
            BbrRun verify = S3Cli.run(workDir, env, "verify", "--artifact-path", place);
            assertThat(verify.exitCode()).as(place + "\n" + verify).isZero();
        }
    }

    @Test
    void tlsWithAnUntrustedCertificate_isRefusedBeforeAnyLock_pointingAtAwsCaBundle() {
        CertificateAuthority ca = CertificateAuthority.generate("bbr S3FaultsIT CA");
        try (S3Server tls = S3Server.builder().tls(ca).start()) {
            tls.createBucket("secure");
            Map<String, String> env = new HashMap<>(S3Cli.environment(tls, Map.of("AWS_MAX_ATTEMPTS", "1")));
            env.remove("AWS_CA_BUNDLE");

            BbrRun backup = S3Cli.director(vm, workDir, env, "--debug", "backup", "--artifact-path",
                    "s3://secure/cf");
            BbrRun list = S3Cli.run(workDir, env, "list", "--artifact-path", "s3://secure/cf");
            BbrRun verify = S3Cli.run(workDir, env, "verify", "--artifact-path", "s3://secure/cf/x_20261127T001500Z");

            String untrusted = "the server's TLS certificate is not trusted (set AWS_CA_BUNDLE to the PEM file of its"
                    + " CA)";
            assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
            assertThat(backup.stderr()).contains("cannot use s3://secure/cf at " + tls.endpoint() + ": " + untrusted);
            assertThat(S3Cli.scriptsRun(vm)).isEmpty();
            assertThat(list.exitCode()).isEqualTo(1);
            assertThat(list.stderr()).contains("cannot list s3://secure/cf at " + tls.endpoint() + ": " + untrusted);
            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.stderr()).contains("s3://secure/cf/x_20261127T001500Z at " + tls.endpoint() + ": "
                    + untrusted);
            for (BbrRun run : List.of(backup, list, verify)) {
                assertThat(run.toString()).as("stdout too, --debug included").doesNotContain("sun.security")
                        .doesNotContainPattern("[A-Z][A-Za-z]*Exception");
            }
        }
    }

    private static List<String> keys(String prefix) {
        return server.keys("faults").stream().filter(k -> k.startsWith(prefix)).toList();
    }
}
