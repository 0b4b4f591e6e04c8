package bbr.director_mode;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.artifact.ArtifactName;
import bbr.artifact.MetadataReader;
import bbr.artifact.MetadataWriter;
import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.PeakRssWatch;
import bbr.testbed.goyaml.GoOracle;
import bbr.testbed.jobs.SmallFiles;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blobstore's shape (issue #17): one job whose artifact is 200,000 files of 512 bytes. The backup's metadata is
 * some 20 MB, past every default YAML limit; it must be what yaml.v2 writes, verify offline, back up and restore byte
 * for byte, and bbr must stay within its memory budget all three ways.
 */
class ManyFilesIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    private static final int FILES = 200_000;
    private static final String STORE = "/var/vcap/store";
    private static final String DATA = STORE + "/blobs";
    private static final String RESTORED = "/var/vcap/store/restored";
    private static final Duration DIGESTING = Duration.ofMinutes(3);
    private static final double RSS_BUDGET_MIB = 256;
    private static final List<byte[]> ODD_NAMES = List.of(
            ("./odd/with spaces and long enough to be past the one hundred and twenty-eight bytes of a simple key"
                    + " in yaml.v2 and to fold").getBytes(StandardCharsets.UTF_8),
            "./odd/ünïcödé".getBytes(StandardCharsets.UTF_8),
            new byte[] {'.', '/', 'o', 'd', 'd', '/', 'c', 'a', 'f', (byte) 0xE9},
            "./odd/new\nline".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path workDir;

    @Test
    void twoHundredThousandSmallFiles_backUpAsYamlV2WritesThem_verify_andRestoreByteForByte_withinTheMemoryBudget()
            throws Exception {
        Vm vm = VMS.vm(0);
        DirectorFixture.wipe(vm);
        // The VM's store on a tmpfs of its own: removing 400,000 files from this machine's disk takes minutes,
        // unmounting the tmpfs none. bbr sees the same VM, sshd and sudo either way.
        vm.exec("mount -t tmpfs -o size=3g bbr-many-files " + STORE).orThrow();
        try {
            backUpAndRestore(vm);
        } finally {
            vm.exec("umount " + STORE, Duration.ofMinutes(5)).orThrow();
        }
    }

    private void backUpAndRestore(Vm vm) throws Exception {
        SmallFiles.fill(vm, DATA, FILES, ODD_NAMES);
        vm.writeJobScript("blobstore", "backup", "#!/bin/bash\nset -e\ncp -al " + DATA
                + "/. \"$BBR_ARTIFACT_DIRECTORY\"\n");
        SmallFiles.keepRestored(vm, "blobstore", RESTORED);
        String before = SmallFiles.treeDigest(vm, DATA, DIGESTING);

        Measured backup = measured(DirectorFixture.args(vm, "backup"));
        assertThat(backup.run.exitCode()).as(backup.run.toString()).isZero();
        Path artifact = Artifacts.onlyArtifact(workDir);
        assertThat(MetadataReader.read(artifact.resolve("metadata")).find(ArtifactName.ofInstance("bosh", "0",
                "blobstore")).orElseThrow().checksums().count()).isEqualTo(FILES + ODD_NAMES.size());
        assertThat(backup.run.stdout()).contains("-- 100% complete");
        byte[] metadata = Files.readAllBytes(artifact.resolve("metadata"));
        assertThat(metadata.length).isGreaterThan(3 << 20);
        // The original reads it, and writes it again byte for byte: the layout is yaml.v2's own.
        assertThat(GoOracle.run("roundtrip", metadata)).isEqualTo(new String(metadata, StandardCharsets.UTF_8));

        Measured verify = measured("verify", "--artifact-path", artifact.toString());
        assertThat(verify.run.exitCode()).as(verify.run.toString()).isZero();
        assertThat(verify.run.stdout()).contains("the content checksums of its " + (FILES + ODD_NAMES.size())
                + " files match");

        Measured restore = measured(DirectorFixture.args(vm, "restore", "--artifact-path", artifact.toString()));
        System.out.printf("peak RSS: backup %.0f MiB, verify %.0f MiB, restore %.0f MiB%n", backup.peakMib,
                verify.peakMib, restore.peakMib);
        assertThat(restore.run.exitCode()).as(restore.run.toString()).isZero();
        assertThat(SmallFiles.treeDigest(vm, RESTORED, DIGESTING)).isEqualTo(before);

        assertThat(backup.peakMib).as("backup peak RSS, MiB").isLessThanOrEqualTo(RSS_BUDGET_MIB);
        assertThat(verify.peakMib).as("verify peak RSS, MiB").isLessThanOrEqualTo(RSS_BUDGET_MIB);
        assertThat(restore.peakMib).as("restore peak RSS, MiB").isLessThanOrEqualTo(RSS_BUDGET_MIB);
    }

    private record Measured(BbrRun run, double peakMib) {
    }

    private Measured measured(String... args) throws Exception {
        try (BbrProcess bbr = BbrProcess.start(workDir, Map.of(), args)) {
            PeakRssWatch rss = new PeakRssWatch(bbr.pid());
            BbrRun run = bbr.await(Duration.ofMinutes(10));
            rss.close();
            return new Measured(run, rss.peakMib());
        }
    }
}
