package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarChecksummerTest {

    @TempDir
    Path dir;

    @TempDir
    Path scratchDir;

    @Test
    void hashesTheOriginalsTar_likeItsMetadataSays() throws Exception {
        Path tar = OriginalFixtures.artifact("gobbr-redis-3-instances").resolve("redis-0-redis-server.tar");
        assertThat(checksum(Files.readAllBytes(tar), 7)).containsExactly(
                java.util.Map.entry("./redis-server/appendonly.aof",
                        "be1b7e4e577b7cbcd556ec75f2f4b2e2d3afca1e40f8ce5a2b748b462cf4bd53"),
                java.util.Map.entry("./redis-server/dump.rdb",
                        "ba3589985f5f4869fe62d155faee8e59c328b42875cb7e3fbb18c7b8152a92d2"));
    }

    @Test
    void handlesLongNamesSpacesNewlinesHardLinksAndSymlinks_inGnuAndPaxTars() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String longName = "d".repeat(120) + "/" + "f".repeat(150);
        Files.createDirectories(data.resolve("d".repeat(120)));
        Files.writeString(data.resolve(longName), "long");
        Files.writeString(data.resolve("with space"), "space");
        Files.writeString(data.resolve("new\nline"), "newline");
        Files.writeString(data.resolve("original"), "linked");
        Files.createLink(data.resolve("hardlink"), data.resolve("original"));
        Files.createSymbolicLink(data.resolve("symlink"), Path.of("original"));
        for (String format : List.of("gnu", "posix")) {
            var sums = checksum(tar(data, format), 1000);
            assertThat(sums).as(format)
                    .containsEntry("./" + longName, sha256("long"))
                    .containsEntry("./with space", sha256("space"))
                    .containsEntry("./new\nline", sha256("newline"))
                    .containsEntry("./original", sha256("linked"))
                    .containsEntry("./hardlink", sha256("linked"))
                    .doesNotContainKey("./symlink")
                    .hasSize(5);
        }
    }

    @Test
    void rejectsATruncatedStream() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("t")).resolve("file"), "x".repeat(5000));
        byte[] tar = tar(dir.resolve("t"), "gnu");
        TarChecksummer checksummer = new TarChecksummer(new ChecksumSpill(new Scratch(scratchDir), null),
                new Scratch(scratchDir));
        checksummer.write(tar, 0, 1500);
        assertThatThrownBy(checksummer::finish).hasMessageContaining("ended in the middle");
    }

    @Test
    void rejectsBytesThatAreNotATar() {
        TarChecksummer checksummer = new TarChecksummer(new ChecksumSpill(new Scratch(scratchDir), null),
                new Scratch(scratchDir));
        byte[] garbage = "this is not a tar file at all".repeat(40).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> checksummer.write(garbage)).hasMessageContaining("not a tar stream");
    }

    @Test
    void reportsMembersThatEscapeTheDirectory() throws Exception {
        Path data = Files.createDirectories(dir.resolve("esc"));
        Files.writeString(data.resolve("a"), "a");
        ProcessBuilder builder = new ProcessBuilder("tar", "-C", data.toString(), "-c",
                "--transform=s,^\\./a$,../../etc/evil,", "-P", "./a");
        byte[] tar = builder.start().getInputStream().readAllBytes();
        TarChecksummer checksummer = new TarChecksummer(new ChecksumSpill(new Scratch(scratchDir), null),
                new Scratch(scratchDir));
        checksummer.write(tar);
        assertThat(checksummer.unsafeNames()).containsExactly("../../etc/evil");
        assertThat(checksummer.unsafeCount()).isOne();
    }

    @Test
    void hardLinksToManyFiles_getTheirTargetsChecksums_throughSpillFiles() throws Exception {
        Path data = Files.createDirectories(dir.resolve("links"));
        for (int i = 0; i < 300; i++) {
            Files.writeString(data.resolve("file" + i), "content " + i);
            Files.createLink(data.resolve("link" + i), data.resolve("file" + i));
        }
        try (Scratch scratch = new Scratch(scratchDir)) {
            ChecksumSpill spill = new ChecksumSpill(scratch, bbr.artifact.goyaml.GoKeyOrder.INSTANCE, 4096);
            TarChecksummer checksummer = new TarChecksummer(spill, scratch);
            checksummer.write(tar(data, "gnu"));
            checksummer.finish();
            var sums = spill.finish().toMap();
            assertThat(sums).hasSize(600);
            for (int i = 0; i < 300; i++) {
                assertThat(sums.get("./link" + i)).as("link " + i).isEqualTo(sha256("content " + i))
                        .isEqualTo(sums.get("./file" + i));
            }
        }
    }

    java.util.SortedMap<String, String> checksum(byte[] tar, int chunk) throws IOException {
        try (Scratch scratch = new Scratch(scratchDir)) {
            ChecksumSpill spill = new ChecksumSpill(scratch, null);
            TarChecksummer checksummer = new TarChecksummer(spill, scratch);
            for (int offset = 0; offset < tar.length; offset += chunk) {
                checksummer.write(tar, offset, Math.min(chunk, tar.length - offset));
            }
            checksummer.finish();
            return spill.finish().toMap();
        }
    }

    static byte[] tar(Path directory, String format) throws Exception {
        Process process = new ProcessBuilder("tar", "--format=" + format, "-C", directory.toString(), "-c", ".")
                .start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return bytes;
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
