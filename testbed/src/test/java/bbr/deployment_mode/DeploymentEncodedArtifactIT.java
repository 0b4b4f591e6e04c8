package bbr.deployment_mode;

import static bbr.deployment_mode.DeploymentFixture.bbr;
import static bbr.deployment_mode.DeploymentFixture.bbrForAll;
import static bbr.deployment_mode.DeploymentFixture.installJob;
import static bbr.testbed.cli.OperatorTools.sh;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.OperatorTools;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployment mode with {@code --compress --encrypt-to}: one deployment with its manifest encrypted too, and every
 * deployment at once; what it writes opens with {@code age} and {@code zstd}, and restores and verifies through bbr.
 */
class DeploymentEncodedArtifactIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(2);

    private static final List<String> NAMES = List.of("alpha", "bravo");

    @TempDir
    Path workDir;

    private OperatorTools.AgeKey key;

    @BeforeEach
    void setUp() {
        for (int i = 0; i < NAMES.size(); i++) {
            Vm vm = VMS.vm(i);
            DeploymentFixture.wipe(vm);
            installJob(vm, "store", "");
            vm.writeFile("/var/vcap/store/store/data", ("data of " + NAMES.get(i) + "\n").repeat(5000), 0644);
        }
        key = OperatorTools.ageKeygen(workDir, "operator");
    }

    private DirectorSimulator director() {
        var builder = DirectorSimulator.builder().auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET));
        for (int i = 0; i < NAMES.size(); i++) {
            Vm vm = VMS.vm(i);
            builder.deployment(Deployment.named(NAMES.get(i)).release("kv")
                    .instanceGroup("store", g -> g.job("store", "kv").instance(vm, true)));
        }
        return builder.start();
    }

    @Test
    void withManifest_encryptsTheManifestToo_andRestoresWithTheIdentity() throws Exception {
        try (DirectorSimulator director = director()) {
            BbrRun backup = bbr(director, workDir, "alpha", "backup", "--with-manifest", "--compress",
                    "--encrypt-to", key.recipient());

            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            Path artifact = Artifacts.onlyArtifact(workDir);
            try (Stream<Path> files = Files.list(artifact)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metadata",
                        "store-0-store.tar.zst.age", "manifest.yml.age");
            }
            assertThat(Files.readString(artifact.resolve("metadata")))
                    .containsPattern("backup_activity:\n  start_time: .*\n  finish_time: .*\nmanifest:\n"
                            + "  file: manifest.yml.age\n  encoding: age\n  size: \\d+\n  sha256: [0-9a-f]{64}\n$");
            assertThat(sh("age -d -i " + key.identityFile() + " " + artifact.resolve("manifest.yml.age")))
                    .contains("name: alpha");

            BbrRun verify = BbrProcess.run(workDir, "verify", "-a", artifact.toString(), "--identity",
                    key.identityFile().toString());
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            assertThat(verify.stdout()).contains("manifest.yml.age: ").contains("and it decrypts");

            VMS.vm(0).exec("rm -rf /var/vcap/store/store/*").orThrow();
            BbrRun restore = bbr(director, workDir, "alpha", "restore", "-a", artifact.toString(), "--identity",
                    key.identityFile().toString());
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(VMS.vm(0).readString("/var/vcap/store/store/data")).startsWith("data of alpha\n");
        }
    }

    @Test
    void allDeployments_compressAndEncryptEachArtifact() throws Exception {
        Path artifacts = Files.createDirectory(workDir.resolve("artifacts"));
        try (DirectorSimulator director = director()) {
            BbrRun backup = bbrForAll(director, workDir, "backup", "--artifact-path", "artifacts", "--compress",
                    "--encrypt-to", key.recipient());

            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            for (String name : NAMES) {
                Path artifact;
                try (Stream<Path> entries = Files.list(artifacts)) {
                    artifact = entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString()
                            .startsWith(name + "_")).findFirst().orElseThrow();
                }
                Path file = artifact.resolve("store-0-store.tar.zst.age");
                assertThat(sh("age -d -i " + key.identityFile() + " " + file + " | zstd -d | tar -xO ./data"))
                        .startsWith("data of " + name + "\n");
                assertThat(Files.size(file)).isLessThan(20_000);
            }
        }
    }
}
