package bbr.faults;

import static bbr.testbed.cli.OperatorTools.sh;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.cli.OperatorTools;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad keys and damaged compressed or encrypted artifacts, made for real: each is refused with a message naming the
 * flag or the file, exit 1, no script run on the VM (so nothing locked), nothing left there, and no file that looks
 * whole and is not.
 */
class EncodedArtifactFaultsIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    @TempDir
    Path workDir;

    private Vm vm;
    private OperatorTools.AgeKey key;

    @BeforeEach
    void setUp() {
        vm = VMS.vm(0);
        if (!vm.isSshdRunning()) {
            vm.startSshd();
        }
        vm.exec("rm -rf /var/vcap/jobs /var/vcap/store && mkdir -p /var/vcap/jobs /var/vcap/store/db").orThrow();
        for (String script : List.of("pre-backup-lock", "post-backup-unlock", "pre-restore-lock",
                "post-restore-unlock")) {
            vm.writeJobScript("db", script, JobScripts.recording("db", script, ""));
        }
        vm.writeJobScript("db", "backup", JobScripts.copyDataToArtifact("db", "/var/vcap/store/db"));
        vm.writeJobScript("db", "restore", JobScripts.copyArtifactToData("db", "/var/vcap/store/db"));
        vm.writeFile("/var/vcap/store/db/data", "precious ".repeat(10_000), 0644);
        key = OperatorTools.ageKeygen(workDir, "operator");
    }

    private BbrRun bbr(String... subcommand) {
        return BbrProcess.run(workDir, Fixtures.directorArgs(vm, subcommand));
    }

    @Test
    void aMalformedOrUnknownRecipient_isNamed_beforeAnyVmIsLocked() throws Exception {
        BbrRun malformed = bbr("backup", "--encrypt-to", "age1qqqqnotbech32");
        BbrRun sshKey = bbr("backup", "--encrypt-to", key.recipient(), "--encrypt-to", "ssh-ed25519 AAAAC3Nza");
        Files.writeString(workDir.resolve("team.txt"), key.recipient() + "\nage1broken\n");
        BbrRun badLine = bbr("backup", "--encrypt-to", "team.txt");

        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.stderr()).contains("--encrypt-to age1qqqqnotbech32: not a valid age X25519 recipient");
        assertThat(sshKey.exitCode()).isEqualTo(1);
        assertThat(sshKey.stderr()).contains("--encrypt-to ssh-ed25519 AAAAC3Nza: neither an age recipient");
        assertThat(badLine.exitCode()).isEqualTo(1);
        assertThat(badLine.stderr()).contains("--encrypt-to team.txt: line 2 is not an age X25519 recipient");
        assertNothingRanOrWasWritten();
    }

    @Test
    void compressLevelZeroOrNinetyNine_isRefusedNamingTheFlag_beforeAnyVmIsLocked() throws Exception {
        BbrRun zero = bbr("backup", "--compress-level", "0");
        BbrRun high = bbr("backup", "--compress", "--compress-level", "99");

        assertThat(zero.exitCode()).isEqualTo(1);
        assertThat(zero.stderr()).contains("--compress-level 0: must be between 1 and 19");
        assertThat(high.exitCode()).isEqualTo(1);
        assertThat(high.stderr()).contains("--compress-level 99: must be between 1 and 19");
        assertNothingRanOrWasWritten();
    }

    @Test
    void identityMissing_unreadable_orNotAnIdentity_isNamed_beforeAnyVmIsTouched() throws Exception {
        Path artifact = encryptedBackup("--compress");
        Files.createDirectory(workDir.resolve("a-directory"));
        Files.writeString(workDir.resolve("public.txt"), key.recipient() + "\n");

        BbrRun missing = restore(artifact, "--identity", "nope.key");
        BbrRun directory = restore(artifact, "--identity", "a-directory");
        BbrRun notAnIdentity = restore(artifact, "--identity", "public.txt");

        assertThat(missing.stderr()).contains("--identity nope.key: no such file");
        assertThat(directory.stderr()).contains("--identity a-directory: cannot read the identity file: it is a"
                + " directory");
        assertThat(notAnIdentity.stderr()).contains("--identity public.txt: line 1 is not an age identity");
        for (BbrRun run : List.of(missing, directory, notAnIdentity)) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        }
        assertNoRestoreScriptRan();
    }

    @Test
    void restoreOrVerifyOfAnEncryptedArtifact_withoutIdentity_isRefusedNamingTheFile() throws Exception {
        Path artifact = encryptedBackup("--compress");
        Path file = artifact.resolve("bosh-0-db.tar.zst.age");

        BbrRun restore = restore(artifact);
        BbrRun verify = BbrProcess.run(workDir, "verify", "--artifact-path", artifact.toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains("Backup cannot be read: " + file + " is encrypted: give the age identity"
                + " of one of its recipients with --identity FILE");
        assertThat(restore.stdout()).doesNotContain("Looking for scripts");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.stderr()).contains(file + " is encrypted");
        assertNoRestoreScriptRan();
    }

    @Test
    void aWrongIdentity_isRefusedNamingTheFile_beforeDiscovery() throws Exception {
        Path artifact = encryptedBackup();
        OperatorTools.AgeKey other = OperatorTools.ageKeygen(workDir, "other");

        BbrRun restore = restore(artifact, "--identity", other.identityFile().toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains(artifact.resolve("bosh-0-db.tar.age") + " does not decrypt with the given"
                + " --identity");
        assertThat(restore.stdout()).doesNotContain("Looking for scripts");
        assertThat(restore.stdout() + restore.stderr()).doesNotContain("AGE-SECRET-KEY");
        assertNoRestoreScriptRan();
    }

    @Test
    void aFlippedByteInAZst_isRefusedByRestoreAndVerify_namingTheFile() throws Exception {
        BbrRun backup = bbr("backup", "--compress");
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        vm.exec("rm -f " + JobScripts.EVENTS).orThrow();
        Path artifact = Artifacts.onlyArtifact(workDir);
        Path zst = artifact.resolve("bosh-0-db.tar.zst");
        OperatorTools.flipByte(zst, Files.size(zst) / 2);

        assertRefused(artifact, zst, List.of());
    }

    @Test
    void aFlippedByteInAnAgeFile_isRefusedByRestoreAndVerify_namingTheFile() throws Exception {
        Path artifact = encryptedBackup();
        Path age = artifact.resolve("bosh-0-db.tar.age");
        OperatorTools.flipByte(age, -100);

        assertRefused(artifact, age, List.of("--identity", key.identityFile().toString()));
    }

    @Test
    void aTruncatedAgeFile_isRefusedByRestoreAndVerify_namingTheFile() throws Exception {
        Path artifact = encryptedBackup("--compress");
        Path age = artifact.resolve("bosh-0-db.tar.zst.age");
        sh("truncate -s " + (Files.size(age) - 50) + " " + age);

        assertRefused(artifact, age, List.of("--identity", key.identityFile().toString()));
    }

    @Test
    void aFlippedByteInTheMetadatasStoredChecksum_isRefusedNamingTheFile() throws Exception {
        Path artifact = encryptedBackup("--compress");
        Path metadata = artifact.resolve("metadata");
        String text = Files.readString(metadata);
        int at = text.indexOf("sha256: ") + "sha256: ".length();
        char flipped = text.charAt(at) == '0' ? '1' : '0';
        Files.writeString(metadata, text.substring(0, at) + flipped + text.substring(at + 1));

        assertRefused(artifact, artifact.resolve("bosh-0-db.tar.zst.age"),
                List.of("--identity", key.identityFile().toString()));
    }

    @Test
    void diskFullWhileCompressing_removesThePartialFile_marksTheArtifact_andCleansTheVm() throws Exception {
        vm.exec("head -c 24M /dev/urandom > /var/vcap/store/db/big").orThrow();
        Path small = Files.createDirectories(workDir.resolve("tmpfs"));
        Fixtures.sh("mount -t tmpfs -o size=8m bbr-test-tmpfs " + small);
        try {
            BbrRun run = bbr("backup", "--compress", "--encrypt-to", key.recipient(), "--artifact-path",
                    small.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.stderr()).contains("No space left on device").contains("db on bosh/0");
            Path artifact = Artifacts.onlyArtifact(small);
            try (Stream<Path> files = Files.list(artifact)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("metadata");
            }
            assertThat(Files.readString(artifact.resolve("metadata"))).contains("incomplete: true");
            assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
            assertThat(Fixtures.events(vm)).anyMatch(e -> e.startsWith("post-backup-unlock db"));
        } finally {
            Fixtures.sh("umount " + small);
        }
    }

    /** Restore refuses before any script runs, and verify names the file too. */
    private void assertRefused(Path artifact, Path file, List<String> identity) throws Exception {
        List<String> restoreArgs = new ArrayList<>(identity);
        BbrRun restore = restore(artifact, restoreArgs.toArray(String[]::new));
        List<String> verifyArgs = new ArrayList<>(List.of("verify", "--artifact-path", artifact.toString()));
        verifyArgs.addAll(identity);
        BbrRun verify = BbrProcess.run(workDir, verifyArgs.toArray(String[]::new));

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.stderr()).contains(file.toString()).doesNotContain("\tat ");
        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.stderr()).contains(file.toString()).doesNotContain("\tat ");
        assertNoRestoreScriptRan();
    }

    private Path encryptedBackup(String... more) {
        List<String> args = new ArrayList<>(List.of("backup", "--encrypt-to", key.recipient()));
        args.addAll(List.of(more));
        BbrRun backup = bbr(args.toArray(String[]::new));
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        vm.exec("rm -f " + JobScripts.EVENTS).orThrow();
        return Artifacts.onlyArtifact(workDir);
    }

    private BbrRun restore(Path artifact, String... more) {
        List<String> args = new ArrayList<>(List.of("restore", "--artifact-path", artifact.toString()));
        args.addAll(List.of(more));
        return bbr(args.toArray(String[]::new));
    }

    private void assertNothingRanOrWasWritten() throws Exception {
        assertThat(Fixtures.events(vm)).as("no script ran, nothing was locked").isEmpty();
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
        try (Stream<Path> entries = Files.list(workDir)) {
            assertThat(entries.filter(Files::isDirectory)).as("no artifact directory").isEmpty();
        }
    }

    private void assertNoRestoreScriptRan() {
        assertThat(Fixtures.events(vm)).as("no lock, restore or unlock script ran").isEmpty();
        assertThat(vm.exists("/var/vcap/store/bbr-backup")).isFalse();
    }
}
