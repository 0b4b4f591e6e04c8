package bbr.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.artifact.BackupDirectory;
import bbr.artifact.ArtifactName;
import bbr.artifact.local.LocalPlace;
import bbr.artifact.store.Decoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.io.input.ReadAheadInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check a restore's upload reads the artifact through: its bytes pass unchanged, and a bad tar is refused. */
class TarCheckTest {

    private static final ArtifactName DB = ArtifactName.ofInstance("bosh", "0", "db");

    @TempDir
    Path place;

    @Test
    void aGoodTar_passesUnchanged_andItsVerdictIsSilent() throws Exception {
        byte[] tar = tar("./a", "alpha", "./b", "beta");
        try (BackupDirectory artifact = artifact(tar, "./a", sha("alpha"), "./b", sha("beta"));
             TarCheck check = new TarCheck(artifact, DB)) {
            assertThat(readInSmallPieces(check.watch(artifact.openArtifact(DB)))).isEqualTo(tar);
            check.verdict();
        }
    }

    @Test
    void aChangedMember_failsTheVerdict_namingTheFileAndTheMember() throws Exception {
        try (BackupDirectory artifact = artifact(tar("./a", "alphA", "./b", "beta"), "./a", sha("alpha"), "./b",
                sha("beta"));
             TarCheck check = new TarCheck(artifact, DB)) {
            readInSmallPieces(check.watch(artifact.openArtifact(DB)));

            assertThatThrownBy(check::verdict).isInstanceOf(BbrError.class)
                    .hasMessageStartingWith("Backup is corrupted: " + place.resolve("backup/bosh-0-db.tar"))
                    .hasMessageContaining("./a");
        }
    }

    @Test
    void aMemberOutsideTheJobsDirectory_stopsTheReadBeforeItsWholeHeaderIsHandedOn() throws Exception {
        byte[] tar = tar("./a", "x".repeat(4096), "../../etc/evil", "owned");
        try (BackupDirectory artifact = artifact(tar, "./a", sha("x".repeat(4096)), "../../etc/evil", sha("owned"));
             TarCheck check = new TarCheck(artifact, DB)) {
            InputStream in = check.watch(artifact.openArtifact(DB));
            ByteArrayOutputStream handedOn = new ByteArrayOutputStream();

            assertThatThrownBy(() -> copyInSmallPieces(in, handedOn)).isInstanceOf(TarCheck.Refused.class)
                    .hasMessageContaining("would be written outside the job's directory: [../../etc/evil]");
            int evilHeaderEnd = 512 + 4096 + 512;
            assertThat(handedOn.size()).isLessThan(evilHeaderEnd);
            assertThat(handedOn.toString(StandardCharsets.ISO_8859_1)).doesNotContain("owned");
        }
    }

    /** The upload reads through a read-ahead thread: the refusal must reach it as itself, to name the file. */
    @Test
    void aRefusalOnTheReadAheadThread_reachesTheReaderUnchanged() throws Exception {
        byte[] tar = tar("./a", "x".repeat(4096), "../../etc/evil", "owned");
        try (BackupDirectory artifact = artifact(tar, "./a", sha("x".repeat(4096)), "../../etc/evil", sha("owned"));
             TarCheck check = new TarCheck(artifact, DB)) {
            InputStream in = ReadAheadInputStream.builder().setInputStream(check.watch(artifact.openArtifact(DB)))
                    .setBufferSize(1024).get();

            assertThatThrownBy(() -> copyInSmallPieces(in, new ByteArrayOutputStream()))
                    .isInstanceOf(TarCheck.Refused.class).hasMessageContaining("../../etc/evil");
        }
    }

    private BackupDirectory artifact(byte[] tar, String... checksums) throws Exception {
        Path backup = Files.createDirectories(place.resolve("backup"));
        Files.write(backup.resolve("bosh-0-db.tar"), tar);
        StringBuilder metadata = new StringBuilder("""
                instances:
                - name: bosh
                  index: "0"
                  artifacts:
                  - name: db
                    checksums:
                """);
        for (int i = 0; i < checksums.length; i += 2) {
            metadata.append("      ").append(checksums[i]).append(": ").append(checksums[i + 1]).append('\n');
        }
        metadata.append("backup_activity:\n  start_time: 2026/11/27 00:15:00 UTC\n"
                + "  finish_time: 2026/11/27 00:16:40 UTC\n");
        Files.writeString(backup.resolve("metadata"), metadata);
        return BackupDirectory.open(new LocalPlace(place), "backup", Decoding.PLAIN_ONLY);
    }

    private static byte[] tar(String... members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < members.length; i += 2) {
                byte[] data = members[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(members[i], true);
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** 700 bytes at a time, so that headers and data straddle reads as they do in 32 KiB SSH packets. */
    private static byte[] readInSmallPieces(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyInSmallPieces(in, out);
        return out.toByteArray();
    }

    private static void copyInSmallPieces(InputStream in, ByteArrayOutputStream out) throws IOException {
        try (in) {
            byte[] buffer = new byte[700];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }

    private static String sha(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
