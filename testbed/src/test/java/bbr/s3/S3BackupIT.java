package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.OperatorTools;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.s3.S3Operation;
import bbr.testbed.s3.S3Request;
import bbr.testbed.s3.S3Server;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups straight to the test bed's S3 server with the real CLI, in director and deployment mode, with
 * {@code --copy-to} a second bucket and a local directory, and restores, verifies and lists from the bucket.
 */
class S3BackupIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(2);

    private static final String USER = "admin";
    private static final String SECRET = "director-secret-s3-it";
    /** Two parts and a bit at the test's 5 MiB parts. */
    private static final int DATA = (10 << 20) + 12_345;

    private static S3Server server;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startServer() {
        server = S3Server.builder().start();
        server.createBucket("backups");
        server.createBucket("second");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void directorBackupToS3_isObjectsUnderThePrefix_metadataWrittenLast_andRestoresAndVerifiesFromThere() {
        Vm vm = VMS.vm(0);
        byte[] data = S3Cli.storeJob(vm, DATA, 1);
        Map<String, String> env = S3Cli.environment(server, Map.of());

        BbrRun backup = S3Cli.director(vm, workDir, env, "--debug", "backup", "--artifact-path",
                "s3://backups/director");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        List<String> keys = server.keys("backups").stream().filter(k -> k.startsWith("director/")).toList();
        assertThat(keys).hasSize(2);
        String name = keys.get(0).split("/")[1];
        assertThat(name).matches("127\\.0\\.0\\.\\d+_\\d{8}T\\d{6}Z");
        assertThat(keys).containsExactly("director/" + name + "/bosh-0-store.tar", "director/" + name + "/metadata");
        assertThat(server.multipartUploads("backups")).isEmpty();
        assertThat(new String(server.read("backups", "director/" + name + "/metadata"))).contains("- name: store\n")
                .doesNotContain("incomplete");
        List<S3Request> writes = server.requests().stream().filter(r -> r.path().contains("/" + name + "/")
                && List.of(S3Operation.PUT_OBJECT, S3Operation.COMPLETE_MULTIPART_UPLOAD).contains(r.operation()))
                .toList();
        assertThat(writes).as("the metadata object is written once, last")
                .extracting(r -> r.path().substring(r.path().lastIndexOf('/') + 1))
                .containsExactly("bosh-0-store.tar", "metadata");
        assertThat(Files.exists(workDir.resolve(name))).as("nothing staged in the working directory").isFalse();

        String url = "s3://backups/director/" + name;
        BbrRun verify = S3Cli.run(workDir, env, "verify", "--artifact-path", url);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        vm.exec("rm -rf /var/vcap/store/store/data").orThrow();
        BbrRun restore = S3Cli.director(vm, workDir, env, "--debug", "restore", "--artifact-path", url);
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(vm.readFile("/var/vcap/store/store/data")).isEqualTo(data);
        assertThat(backup + restore.toString() + verify).as("--debug shows no S3 secret key").contains("DEBUG - ")
                .doesNotContain(server.secretKey());
    }

    @Test
    void deploymentBackupWithCopiesToASecondBucketAndADirectory_encoded_allThreeVerifyAndAreIdentical()
            throws Exception {
        Vm vm = VMS.vm(1);
        byte[] data = S3Cli.storeJob(vm, DATA, 2);
        OperatorTools.AgeKey key = OperatorTools.ageKeygen(workDir, "operator");
        Files.createDirectory(workDir.resolve("copies"));
        Map<String, String> env = S3Cli.environment(server, Map.of());
        try (DirectorSimulator director = director(vm)) {
            BbrRun backup = S3Cli.run(workDir, env, deployment(director, "backup", "--with-manifest", "--compress",
                    "--encrypt-to", key.recipient(), "--artifact-path", "s3://backups/deployments",
                    "--copy-to", "s3://second/copies", "--copy-to", "copies"));

            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            Path local;
            try (Stream<Path> entries = Files.list(workDir.resolve("copies"))) {
                local = entries.filter(p -> p.getFileName().toString().startsWith("alpha_")).findFirst()
                        .orElseThrow();
            }
            String name = local.getFileName().toString();
            assertThat(backup.stdout()).contains("Copy s3://backups/deployments/" + name + ": good")
                    .contains("Copy s3://second/copies/" + name + ": good")
                    .contains("Copy " + local + ": good");
            List<String> files = List.of("metadata", "store-0-store.tar.zst.age", "manifest.yml.age");
            try (Stream<Path> entries = Files.list(local)) {
                assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(files);
            }
            for (String file : files) {
                byte[] copy = Files.readAllBytes(local.resolve(file));
                assertThat(server.read("backups", "deployments/" + name + "/" + file)).as(file).isEqualTo(copy);
                assertThat(server.read("second", "copies/" + name + "/" + file)).as(file).isEqualTo(copy);
            }
            for (String place : List.of("s3://backups/deployments/" + name, "s3://second/copies/" + name,
                    local.toString())) {
                BbrRun verify = S3Cli.run(workDir, env, "verify", "--artifact-path", place, "--identity",
                        key.identityFile().toString());
                assertThat(verify.exitCode()).as(place + "\n" + verify).isZero();
            }

            vm.exec("rm -rf /var/vcap/store/store/data").orThrow();
            BbrRun restore = S3Cli.run(workDir, env, deployment(director, "restore", "--artifact-path",
                    "s3://second/copies/" + name, "--identity", key.identityFile().toString()));
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(vm.readFile("/var/vcap/store/store/data")).isEqualTo(data);
        }
    }

    @Test
    void allDeploymentsToS3_thenList_showsEachBackupOldestFirst_andOneWithoutMetadataAsIncomplete() throws Exception {
        S3Cli.storeJob(VMS.vm(0), 1_000, 3);
        S3Cli.storeJob(VMS.vm(1), 2_000, 4);
        Map<String, String> env = S3Cli.environment(server, Map.of());
        Path stray = Files.writeString(workDir.resolve("stray.tar"), "half a backup");
        // An older backup that never finished: a job's file without the metadata object, as a failed run leaves.
        OperatorTools.sh("cd " + workDir + " && " + awsCli(env) + " s3 cp " + stray
                + " s3://backups/all/old_20200101T000000Z/bosh-0-store.tar");
        try (DirectorSimulator director = DirectorSimulator.builder().auth(Auth.basic(USER, SECRET))
                .deployment(Deployment.named("alpha").release("kv")
                        .instanceGroup("store", g -> g.job("store", "kv").instance(VMS.vm(1), true)))
                .deployment(Deployment.named("bravo").release("kv")
                        .instanceGroup("store", g -> g.job("store", "kv").instance(VMS.vm(0), true)))
                .start()) {
            List<String> all = List.of("deployment", "--target", director.url(), "--username", USER, "--password",
                    SECRET, "--ca-cert", director.caCertFile().toString(), "--all-deployments", "backup",
                    "--compress", "--artifact-path", "s3://backups/all");
            BbrRun backup = S3Cli.run(workDir, env, all.toArray(String[]::new));
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
        }

        BbrRun text = S3Cli.run(workDir, env, "list", "--artifact-path", "s3://backups/all");
        BbrRun json = S3Cli.run(workDir, env, "list", "--artifact-path", "s3://backups/all", "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        List<String> lines = text.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("old_20200101T000000Z +old +- +- +13B? +- +incomplete \\(no metadata\\)");
        assertThat(lines.subList(1, 3)).allMatch(line -> line.matches("(alpha|bravo)_\\d{8}T\\d{6}Z +(alpha|bravo) +"
                + "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ +\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+ +\\S+ +zstd +complete"));
        assertThat(json.exitCode()).as(json.toString()).isZero();
        Path out = Files.writeString(workDir.resolve("list.json"), json.stdout());
        assertThat(OperatorTools.sh("python3 -c 'import json,sys\n"
                + "for o in map(json.loads, open(sys.argv[1])): print(o[\"deployment\"], o[\"complete\"],"
                + " o[\"encoding\"], o[\"stored_bytes\"] > 0, o[\"start_time\"] is None)' " + out))
                .matches("old False None True True\n(alpha|bravo) True zstd True False\n(alpha|bravo) True zstd True"
                        + " False\n");
    }

    private static String awsCli(Map<String, String> env) {
        StringBuilder line = new StringBuilder("env");
        env.forEach((name, value) -> line.append(' ').append(name).append("='").append(value).append('\''));
        return line.append(" aws").toString();
    }

    private static DirectorSimulator director(Vm vm) {
        return DirectorSimulator.builder().auth(Auth.basic(USER, SECRET))
                .deployment(Deployment.named("alpha").release("kv")
                        .instanceGroup("store", g -> g.job("store", "kv").instance(vm, true)))
                .start();
    }

    private static String[] deployment(DirectorSimulator director, String... subcommand) {
        List<String> args = new ArrayList<>(List.of("deployment", "--target", director.url(), "--username", USER,
                "--password", SECRET, "--ca-cert", director.caCertFile().toString(), "--deployment", "alpha"));
        args.addAll(List.of(subcommand));
        return args.toArray(String[]::new);
    }
}
