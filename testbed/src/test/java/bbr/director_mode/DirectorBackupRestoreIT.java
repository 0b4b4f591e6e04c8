package bbr.director_mode;

import static bbr.director_mode.DirectorFixture.bbr;
import static bbr.director_mode.DirectorFixture.events;
import static bbr.director_mode.DirectorFixture.scriptOrder;
import static bbr.testbed.cli.Artifacts.onlyArtifact;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupMetadata;
import bbr.artifact.MetadataReader;
import bbr.artifact.MetadataWriter;
import bbr.testbed.OriginalFixtures;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.DemoJobs;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A director with several jobs backs up to exactly the original's artifact and restores every byte. */
class DirectorBackupRestoreIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    private Vm vm;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        DirectorFixture.wipe(vm);
    }

    @Test
    void backupThenRestore_roundTripsEveryByte_inTheOriginalsArtifactFormat() throws Exception {
        DemoJobs.install(vm);
        Map<String, String> original = tree(vm.hostPath("/var/vcap/store/blobstore"));
        Map<String, String> originalDb = tree(vm.hostPath("/var/vcap/store/database"));

        BbrRun backup = bbr(vm, workDir, "backup");

        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.stderr()).isEmpty();
        Path artifact = onlyArtifact(workDir);
        assertThat(artifact.getFileName().toString()).matches("127\\.0\\.0\\.\\d+_\\d{8}T\\d{6}Z");
        assertThat(Files.getPosixFilePermissions(artifact)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(artifact)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("metadata", "bosh-0-database.tar", "bosh-0-blobstore.tar");
        }
        String metadataText = Files.readString(artifact.resolve("metadata"));
        assertThat(metadataText).startsWith("instances:\n- name: bosh\n  index: \"0\"\n  artifacts:\n")
                .containsPattern("backup_activity:\n  start_time: \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+\n"
                        + "  finish_time: \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+\n$");
        BackupMetadata metadata = MetadataReader.read(metadataText);
        assertThat(metadata.find(ArtifactName.ofInstance("bosh", "0", "blobstore")).orElseThrow().checksums()
                .toMap()).isEqualTo(prefixed(original));
        assertThat(metadata.find(ArtifactName.ofInstance("bosh", "0", "database")).orElseThrow().checksums()
                .toMap()).isEqualTo(prefixed(originalDb));
        assertThat(tarNames(artifact.resolve("bosh-0-blobstore.tar"))).contains("./", "./a/b/c/deep.txt",
                "./with space/file name.txt", "./big.bin");

        List<String> events = events(vm);
        assertThat(events).anyMatch(e -> e.startsWith("metadata database ") && e.contains(" BBR_VERSION=1."));
        assertThat(scriptOrder(events, "pre-backup-lock")).containsExactly("database", "blobstore");
        assertThat(scriptOrder(events, "post-backup-unlock")).containsExactly("blobstore", "database");
        assertThat(events).filteredOn(e -> e.startsWith("post-backup-unlock"))
                .allMatch(e -> e.endsWith("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=true"));
        assertThat(events).filteredOn(e -> e.startsWith("backup blobstore")).singleElement().asString()
                .contains("BBR_ARTIFACT_DIRECTORY=/var/vcap/store/bbr-backup/blobstore/ "
                        + "ARTIFACT_DIRECTORY=/var/vcap/store/bbr-backup/blobstore/");
        assertThat(events).filteredOn(e -> e.contains(" disabled ")).singleElement().asString()
                .startsWith("metadata disabled");
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        assertThat(backup.stdout()).containsPattern("\\[bbr] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d INFO - "
                + "Looking for scripts")
                .contains("INFO - bosh/0/database/pre-backup-lock", "INFO - Starting backup of " + vm.host() + "...",
                        "INFO - Locking database on bosh/0 for backup...",
                        "INFO - Copying backup -- ", " uncompressed -- for job blobstore on bosh/0...",
                        "INFO - Finished validity checks -- for job blobstore on bosh/0...",
                        "INFO - Backup created of " + vm.host() + " on ");

        vm.exec("rm -rf /var/vcap/store/blobstore /var/vcap/store/database && rm -f " + JobScripts.EVENTS).orThrow();
        BbrRun restore = bbr(vm, workDir, "restore", "--artifact-path", artifact.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(tree(vm.hostPath("/var/vcap/store/blobstore"))).isEqualTo(original);
        assertThat(tree(vm.hostPath("/var/vcap/store/database"))).isEqualTo(originalDb);
        List<String> restoreEvents = events(vm);
        assertThat(scriptOrder(restoreEvents, "pre-restore-lock")).containsExactly("database", "blobstore");
        assertThat(scriptOrder(restoreEvents, "post-restore-unlock")).containsExactly("blobstore", "database");
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        assertThat(restore.stdout()).contains("INFO - Completed restore of " + vm.host());
    }

    @Test
    void restoresTheOriginalBbrsDirectorArtifact() throws Exception {
        Path fixture = OriginalFixtures.artifact("gobbr-director-3-jobs");
        for (String job : List.of("test-backup-and-restore", "remarkable-backup-and-restore",
                "amazing-backup-and-restore")) {
            vm.writeJobScript(job, "backup", JobScripts.copyDataToArtifact(job, "/var/vcap/store/" + job));
            vm.writeJobScript(job, "restore", JobScripts.copyArtifactToData(job, "/var/vcap/store/" + job));
        }

        BbrRun restore = bbr(vm, workDir, "restore", "--artifact-path", fixture.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        for (String job : List.of("test-backup-and-restore", "remarkable-backup-and-restore",
                "amazing-backup-and-restore")) {
            assertThat(sha256(vm.hostPath("/var/vcap/store/" + job + "/backup")))
                    .isEqualTo("26e17765aa93724bebd8675aeaef0dc27ac7b778003a8094dffdf9b0ffe2deba");
        }
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(root.relativize(file).toString(), sha256(file));
            }
        }
        return sums;
    }

    private static Map<String, String> prefixed(Map<String, String> tree) {
        Map<String, String> result = new TreeMap<>();
        tree.forEach((name, sum) -> result.put("./" + name, sum));
        return result;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> tarNames(Path tar) throws Exception {
        Process process = new ProcessBuilder("tar", "-tf", tar.toString()).start();
        List<String> names = new String(process.getInputStream().readAllBytes()).lines().toList();
        assertThat(process.waitFor()).isZero();
        return names;
    }
}
