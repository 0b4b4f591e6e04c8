package bbr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input from operators and release authors: a clear error naming what is wrong, and nothing written. */
class BadInputIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    private Vm vm;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        vm.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/jobs /var/vcap/store/db").orThrow();
        vm.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        vm.writeJobScript("db", "restore", JobScripts.copyArtifactToData("db", "/var/vcap/store/db"));
    }

    private BbrRun bbr(String... subcommand) {
        return BbrProcess.run(workDir, Fixtures.directorArgs(vm, subcommand));
    }

    @Test
    void oddFileNames_backslashesNewlinesSymlinksAndNonUtf8Bytes_backUpAndRestoreExactly_withPrivateFiles() throws Exception {
        vm.writeFile("/var/vcap/store/db/with space", "a", 0644);
        vm.writeFile("/var/vcap/store/db/new\nline", "b", 0644);
        vm.writeFile("/var/vcap/store/db/back\\slash", "d", 0644);
        vm.writeFile("/var/vcap/store/db/back\\slash and new\nline", "e", 0644);
        vm.exec("cd /var/vcap/store/db && printf 'c' > \"$(printf 'latin1-\\351')\" && ln -s 'with space' link")
                .orThrow();
        String before = listing();

        BbrRun backup = bbr("backup");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        Path artifact = Artifacts.onlyArtifact(workDir);
        try (Stream<Path> files = Files.list(artifact)) {
            assertThat(files).allSatisfy(file -> assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------"));
        }
        vm.exec("rm -rf /var/vcap/store/db/*").orThrow();
        BbrRun restore = bbr("restore", "--artifact-path", artifact.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(listing()).isEqualTo(before);
    }

    /**
     * The VM hashes each member as it unpacks it, but a hard link's member carries no data and gets no hash: the
     * extracted files are then hashed after the upload, as before, and the restore goes ahead.
     */
    @Test
    void hardLinks_restoreExactly_checkedByTheExtractedFilesWhenTheHashesOnArrivalLackTheirMembers() throws Exception {
        vm.writeFile("/var/vcap/store/db/original", "shared bytes", 0644);
        vm.exec("cd /var/vcap/store/db && ln original linked").orThrow();

        BbrRun restore = backUpWipeAndRestoreWithDebug();

        assertThat(restore.stdout()).contains("--to-command").contains("checking the extracted files");
        assertThat(vm.readString("/var/vcap/store/db/original")).isEqualTo("shared bytes");
        assertThat(vm.readString("/var/vcap/store/db/linked")).isEqualTo("shared bytes");
        assertThat(vm.exec("stat -c %h /var/vcap/store/db/linked").orThrow().stdout().strip()).isEqualTo("2");
    }

    /**
     * An artifact of many small files (a blobstore's shape): the VM hashes each file just after tar wrote it, during
     * the upload, and the check needs no second read of the files after it. Only regular files are hashed: a
     * symlink to /dev/zero, followed, would never end.
     */
    @Test
    void manySmallFiles_areHashedAsTarWritesThem_withNoSecondPassOverTheExtractedFiles() throws Exception {
        vm.exec("cd /var/vcap/store/db && for i in $(seq 1 60); do mkdir -p $((i % 4))a; printf $i > $((i % 4))a/f$i;"
                + " done; mkdir empty-dir && ln -s /dev/zero endless").orThrow();
        String before = listing();

        BbrRun restore = backUpWipeAndRestoreWithDebug();

        assertThat(restore.stdout()).contains("--quoting-style=literal").doesNotContain("checking the extracted files");
        assertThat(listing()).isEqualTo(before);
    }

    /**
     * The same shape with a symlink and a name holding a newline, which the hashes taken behind tar get wrong: the
     * extracted files are hashed after the upload, as before, and the restore goes ahead exactly.
     */
    @Test
    void manySmallFilesWithOddNames_areCheckedByTheExtractedFilesWhenTheHashesBehindTarDisagree() throws Exception {
        vm.exec("cd /var/vcap/store/db && for i in $(seq 1 60); do printf $i > f$i; done && ln -s f1 link"
                + " && printf n > \"$(printf 'new\nline')\"").orThrow();
        String before = listing();

        BbrRun restore = backUpWipeAndRestoreWithDebug();

        assertThat(restore.stdout()).contains("--quoting-style=literal").contains("checking the extracted files");
        assertThat(listing()).isEqualTo(before);
    }

    private String listing() {
        return vm.exec("cd /var/vcap/store/db && find . -print0 | sort -z | xargs -0 ls -ld --time-style=+"
                + " | awk '{print $1, $5, $7, $8, $9}' && find . -type f -print0 | sort -z | xargs -0 sha256sum")
                .orThrow().stdout();
    }

    /** Backs the job up, removes its data and restores it with --debug, which shows the commands run on the VM. */
    private BbrRun backUpWipeAndRestoreWithDebug() {
        BbrRun backup = bbr("backup");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        vm.exec("rm -rf /var/vcap/store/db/*").orThrow();
        String[] restoreArgs = Fixtures.directorArgs(vm, "restore", "--artifact-path",
                Artifacts.onlyArtifact(workDir).toString());
        BbrRun restore = BbrProcess.run(workDir, Stream.concat(Stream.of(restoreArgs[0], "--debug"),
                Stream.of(restoreArgs).skip(1)).toArray(String[]::new));
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        return restore;
    }

    @Test
    void aTarWithMembersOutsideTheJobDirectory_isRefusedBeforeAnyScriptRuns() throws Exception {
        Path artifact = backUpOneFile();
        Path data = Files.createDirectories(workDir.resolve("evil"));
        Files.writeString(data.resolve("a"), "owned");
        Path tar = artifact.resolve("bosh-0-db.tar");
        Fixtures.sh("tar -C " + data + " -c -P --transform='s,^\\./a$,../../../etc/evil,' -f " + tar + " ./a");
        String sum = Fixtures.sha256(data.resolve("a"));
        Files.writeString(artifact.resolve("metadata"), Files.readString(artifact.resolve("metadata"))
                .replaceAll("\\./data: [0-9a-f]+", "../../../etc/evil: " + sum));

        BbrRun restore = bbr("restore", "--artifact-path", artifact.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("outside the job's directory").contains("../../../etc/evil");
        assertThat(vm.exists("/etc/evil")).isFalse();
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void metadataWithoutChecksums_saysExactlyWhatIsMissing() throws Exception {
        Path artifact = backUpOneFile();
        Files.writeString(artifact.resolve("metadata"), Files.readString(artifact.resolve("metadata"))
                .replaceAll("(?s)    checksums:\n      \\./data: [0-9a-f]+\n", ""));

        BbrRun restore = bbr("restore", "--artifact-path", artifact.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("has no checksums for bosh-0-db.tar");
    }

    @Test
    void malformedMetadataFileInTheArtifact_namesTheFile() throws Exception {
        Path artifact = backUpOneFile();
        Files.writeString(artifact.resolve("metadata"), "instances: [\n");

        BbrRun restore = bbr("restore", "--artifact-path", artifact.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains(artifact.resolve("metadata").toString()).contains("invalid YAML");
    }

    @Test
    void artifactPathThatIsAFileOrMissing_isRefusedWithoutTouchingTheVm() throws Exception {
        vm.writeJobScript("db", "pre-backup-lock", JobScripts.recording("db", "pre-backup-lock", ""));
        Path file = Files.writeString(workDir.resolve("not-a-dir"), "x");

        BbrRun intoFile = bbr("backup", "--artifact-path", file.toString());
        assertThat(intoFile.exitCode()).as(intoFile.toString()).isEqualTo(1);
        assertThat(intoFile.stderr()).contains("artifact path " + file + " is not a directory");

        BbrRun missing = bbr("restore", "--artifact-path", workDir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains(workDir.resolve("nope") + ": no such file or directory");
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }

    @Test
    void aJobScriptThatIsNotExecutable_failsNamingTheJob() {
        vm.exec("chmod 0644 /var/vcap/jobs/db/bin/bbr/backup").orThrow();

        BbrRun backup = bbr("backup");

        assertThat(backup.exitCode()).as(backup.toString()).isEqualTo(1);
        assertThat(backup.stderr()).contains("Error attempting to run backup for job db on bosh/0");
    }

    private Path backUpOneFile() throws Exception {
        vm.writeFile("/var/vcap/store/db/data", "precious", 0644);
        BbrRun backup = bbr("backup");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        return Artifacts.onlyArtifact(workDir);
    }
}
