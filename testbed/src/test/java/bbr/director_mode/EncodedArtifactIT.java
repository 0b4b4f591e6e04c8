package bbr.director_mode;

import static bbr.director_mode.DirectorFixture.args;
import static bbr.director_mode.DirectorFixture.bbr;
import static bbr.testbed.cli.Artifacts.onlyArtifact;
import static bbr.testbed.cli.OperatorTools.sh;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupMetadata;
import bbr.artifact.MetadataYaml;
import bbr.artifact.store.StoredFile;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.OperatorTools;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed and encrypted artifacts of a director: what bbr writes opens with Debian's {@code age} and {@code zstd},
 * restores through bbr with {@code --identity}, verifies offline, and, once an operator decoded it back to the plain
 * tar, is the original's format again.
 */
class EncodedArtifactIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    private static final String DUMP = "/var/vcap/store/db/dump.sql";

    @TempDir
    Path workDir;

    private Vm vm;
    private OperatorTools.AgeKey key;
    private String dumpSha;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        DirectorFixture.wipe(vm);
        vm.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        vm.writeJobScript("db", "restore", JobScripts.copyArtifactToData("db", "/var/vcap/store/db"));
        vm.createDirectories("/var/vcap/store/db");
        vm.exec("for i in $(seq 1 20000); do echo \"INSERT INTO t VALUES ($i, 'some row text $i');\"; done > "
                + DUMP + " && head -c 300000 /dev/urandom > /var/vcap/store/db/random.bin").orThrow();
        dumpSha = vm.exec("sha256sum " + DUMP).orThrow().stdout().split(" ")[0];
        key = OperatorTools.ageKeygen(workDir, "operator");
    }

    @Test
    void compressAndEncrypt_writesZstAge_thatAgeAndZstdOpen_andRestoresWithTheIdentity() throws Exception {
        BbrRun backup = bbr(vm, workDir, "backup", "--compress", "--encrypt-to", key.recipient());

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = onlyArtifact(workDir);
        assertThat(names(artifact)).containsExactlyInAnyOrder("metadata", "bosh-0-db.tar.zst.age");
        String metadataText = Files.readString(artifact.resolve("metadata"));
        assertThat(metadataText).contains("    stored:\n      file: bosh-0-db.tar.zst.age\n      encoding: zstd+age\n"
                + "      size: " + Files.size(artifact.resolve("bosh-0-db.tar.zst.age")) + "\n      sha256: ")
                .doesNotContain("incomplete");
        StoredFile stored = MetadataYaml.read(metadataText).find(ArtifactName.ofInstance("bosh", "0", "db"))
                .orElseThrow().stored();
        assertThat(sh("sha256sum " + artifact.resolve(stored.file()))).startsWith(stored.sha256());

        // the operator's way to open it, with tools bbr did not write
        Path tar = workDir.resolve("opened.tar");
        sh("age -d -i " + key.identityFile() + " " + artifact.resolve("bosh-0-db.tar.zst.age") + " | zstd -d -c > "
                + tar);
        assertThat(sh("tar -xOf " + tar + " ./dump.sql | sha256sum")).startsWith(dumpSha);
        assertThat(metadataText).contains("./dump.sql: " + dumpSha);

        BbrRun verify = BbrProcess.run(workDir, "verify", "--artifact-path", artifact.toString(), "--identity",
                key.identityFile().toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("bosh-0-db.tar.zst.age: the content checksums of its 2 files match")
                .contains("is good: 1 artifacts, 2 files checked");

        vm.exec("rm -rf /var/vcap/store/db/*").orThrow();
        BbrRun restore = bbr(vm, workDir, "restore", "--artifact-path", artifact.toString(), "--identity",
                key.identityFile().toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(vm.exec("sha256sum " + DUMP).orThrow().stdout()).startsWith(dumpSha);
        assertThat(restore.stdout() + restore.stderr()).doesNotContain("AGE-SECRET-KEY");
    }

    @Test
    void compressOnly_atLevel19_isReadByZstd_andRestores() throws Exception {
        BbrRun backup = bbr(vm, workDir, "backup", "--compress-level", "19");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = onlyArtifact(workDir);
        Path zst = artifact.resolve("bosh-0-db.tar.zst");
        assertThat(names(artifact)).containsExactlyInAnyOrder("metadata", "bosh-0-db.tar.zst");
        assertThat(sh("zstd -t " + zst + " 2>&1 && zstd -d -c " + zst + " | tar -xO ./dump.sql | sha256sum"))
                .contains(dumpSha);
        assertThat(Files.readString(artifact.resolve("metadata"))).contains("encoding: zstd\n");

        vm.exec("rm -rf /var/vcap/store/db/*").orThrow();
        BbrRun restore = bbr(vm, workDir, "restore", "--artifact-path", artifact.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(vm.exec("sha256sum " + DUMP).orThrow().stdout()).startsWith(dumpSha);
    }

    @Test
    void encryptToFromTheEnvironment_withARecipientsFile_andIdentityFromTheEnvironment() throws Exception {
        OperatorTools.AgeKey second = OperatorTools.ageKeygen(workDir, "second");
        Path recipients = Files.writeString(workDir.resolve("recipients.txt"), "# the backup team\n"
                + key.recipient() + "\n\n" + second.recipient() + "\n");
        BbrRun backup;
        try (BbrProcess process = BbrProcess.start(workDir, Map.of("BBR_ENCRYPT_TO", recipients.toString()),
                args(vm, "backup"))) {
            backup = process.await(Duration.ofMinutes(5));
        }

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = onlyArtifact(workDir);
        Path age = artifact.resolve("bosh-0-db.tar.age");
        assertThat(names(artifact)).containsExactlyInAnyOrder("metadata", "bosh-0-db.tar.age");
        for (OperatorTools.AgeKey each : List.of(key, second)) {
            assertThat(sh("age -d -i " + each.identityFile() + " " + age + " | tar -xO ./dump.sql | sha256sum"))
                    .startsWith(dumpSha);
        }

        vm.exec("rm -rf /var/vcap/store/db/*").orThrow();
        BbrRun restore;
        try (BbrProcess process = BbrProcess.start(workDir, Map.of("BBR_IDENTITY", second.identityFile().toString()),
                args(vm, "restore", "--artifact-path", artifact.toString()))) {
            restore = process.await(Duration.ofMinutes(5));
        }
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(vm.exec("sha256sum " + DUMP).orThrow().stdout()).startsWith(dumpSha);
    }

    @Test
    void anArtifactTheOperatorDecodedBackToTheTar_restoresAndVerifies_asThePlainFormat() throws Exception {
        BbrRun backup = bbr(vm, workDir, "backup", "--compress", "--encrypt-to", key.recipient());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = onlyArtifact(workDir);
        Path encoded = artifact.resolve("bosh-0-db.tar.zst.age");
        sh("age -d -i " + key.identityFile() + " " + encoded + " | zstd -d -c > " + artifact.resolve("bosh-0-db.tar"));
        Files.delete(encoded);

        // What the original's yaml.v2 reader sees: the keys it knows, and a NAME.tar beside them.
        BackupMetadata metadata = MetadataYaml.read(Files.readString(artifact.resolve("metadata")));
        assertThat(metadata.find(ArtifactName.ofInstance("bosh", "0", "db")).orElseThrow().checksums().byFile())
                .containsEntry("./dump.sql", dumpSha);
        BbrRun verify = BbrProcess.run(workDir, "verify", "--artifact-path", artifact.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        vm.exec("rm -rf /var/vcap/store/db/*").orThrow();
        BbrRun restore = bbr(vm, workDir, "restore", "--artifact-path", artifact.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(vm.exec("sha256sum " + DUMP).orThrow().stdout()).startsWith(dumpSha);
    }

    @Test
    void verifyWithoutTheIdentity_checksTheStoredBytes_andSaysTheContentNeedsIt() throws Exception {
        BbrRun backup = bbr(vm, workDir, "backup", "--encrypt-to", key.recipient());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = onlyArtifact(workDir);

        BbrRun verify = BbrProcess.run(workDir, "verify", "--artifact-path", artifact.toString());

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.stdout()).contains("bosh-0-db.tar.age: " + Files.size(artifact.resolve("bosh-0-db.tar.age"))
                + " bytes stored as age, matching the recorded SHA-256");
        assertThat(verify.stderr()).contains(artifact.resolve("bosh-0-db.tar.age") + " is encrypted: its contents can"
                + " only be checked with the age identity of one of its recipients, given with --identity FILE");
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
