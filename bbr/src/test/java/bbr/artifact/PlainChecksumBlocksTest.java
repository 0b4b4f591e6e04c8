package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainChecksumBlocksTest {

    private static final String A = "a".repeat(64);
    private static final String B = "0123456789abcdef".repeat(4);

    @Test
    void theOriginalsArtifacts_readTheSameAsThroughTheParser_withEveryBlockPlain() throws IOException {
        for (String fixture : List.of("gobbr-redis-3-instances", "gobbr-director-3-jobs")) {
            String text = Files.readString(OriginalFixtures.artifact(fixture).resolve("metadata"));
            assertThat(PlainChecksumBlocks.scan(new StringReader(text))).as(fixture).hasSize(
                    (int) text.lines().filter(line -> line.strip().equals("checksums:")).count());
            assertSameAsParsed(text);
        }
    }

    @Test
    void blocksWithAnyOtherLine_areLeftToTheParser_andReadTheSame() throws IOException {
        String text = """
                instances:
                - name: plain
                  index: "0"
                  artifacts:
                  - name: hex-directories
                    checksums:
                      ./01/ab/c_d.tar.gz: %1$s
                      ./0a/ff/x+y=z-1: %2$s
                  - name: quoted
                    checksums:
                      ./ok: %1$s
                      "./has: colon": %2$s
                  - name: binary
                    checksums:
                      !!binary Li/-: %1$s
                  - name: spaced
                    checksums:
                      ./a b: %1$s
                  - name: commented
                    checksums:
                      ./a: %1$s
                  # a comment in the middle
                      ./b: %2$s
                  - name: upper-case-digest
                    checksums:
                      ./a: %3$s
                  - name: empty
                    checksums: {}
                  - name: last
                    checksums:
                      ./z: %2$s
                extra:
                  checksums:
                    ./unknown-key: %1$s
                  note: |
                    checksums:
                      ./inside-a-literal: %1$s
                backup_activity:
                  start_time: 2026/12/03 08:00:00 UTC
                """.formatted(A, B, A.toUpperCase());

        List<PlainChecksumBlocks.Block> blocks = PlainChecksumBlocks.scan(new StringReader(text));

        // hex-directories, last, and the two under "extra", which the parser then does not claim
        assertThat(blocks).extracting(b -> b.fingerprint().count()).containsExactly(2L, 1L, 1L, 1L);
        BackupMetadata read = assertSameAsParsed(text);
        assertThat(read.find(ArtifactName.ofInstance("plain", "0", "hex-directories")).orElseThrow().checksums()
                .toMap()).containsExactly(Map.entry("./01/ab/c_d.tar.gz", A), Map.entry("./0a/ff/x+y=z-1", B));
    }

    @Test
    void aFileOfPlainBlocksOnly_isReadWithTheirLines_inFileOrder() throws IOException {
        StringBuilder text = new StringBuilder("instances:\n- name: blobstore\n  index: \"0\"\n  artifacts:\n");
        Map<String, String> expected = new LinkedHashMap<>();
        for (int job = 0; job < 3; job++) {
            text.append("  - name: job").append(job).append("\n    checksums:\n");
            for (int file = 0; file < 1000; file++) {
                String name = String.format("./%02x/%02x/file-%d", file % 256, job, file);
                text.append("      ").append(name).append(": ").append(file % 2 == 0 ? A : B).append('\n');
                if (job == 1) {
                    expected.put(name, file % 2 == 0 ? A : B);
                }
            }
        }
        BackupMetadata read = assertSameAsParsed(text.toString());

        ChecksumSet checksums = read.find(ArtifactName.ofInstance("blobstore", "0", "job1")).orElseThrow().checksums();
        assertThat(checksums).isInstanceOf(PlainChecksumBlocks.BlockChecksums.class);
        List<String> replayed = new ArrayList<>();
        checksums.replay((name, sum) -> replayed.add(new String(name) + " " + new String(sum)));
        assertThat(replayed).containsExactlyElementsOf(
                expected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    @Test
    void carriageReturnsAndAnUnterminatedLastLine_stillReadTheSame() throws IOException {
        String lines = "instances:\n- name: a\n  index: \"0\"\n  artifacts:\n  - name: j\n    checksums:\n"
                + "      ./x: " + A + "\n      ./y: " + B;
        assertSameAsParsed(lines);
        assertSameAsParsed(lines.replace("\n", "\r\n"));
    }

    @Test
    void aBlockThatChangedBeforeItsReplay_failsNamingTheChange() throws IOException {
        String before = "custom_artifacts:\n- name: c\n  checksums:\n    ./x: " + A + "\n    ./y: " + B + "\n";
        String[] now = {before};
        BackupMetadata read = MetadataReader.read(() -> new StringReader(now[0]));
        now[0] = before.replace("./y: ", "./y:  ");

        assertThatThrownBy(() -> read.find(ArtifactName.custom("c")).orElseThrow().checksums().replay((n, s) -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("the metadata changed while it was read");
    }

    @Test
    void invalidYamlAroundPlainBlocks_isReportedAsTheParserSeesTheWholeFile() {
        String text = "custom_artifacts:\n- name: c\n  checksums:\n    ./x: " + A + "\nbackup_activity: [\n";
        assertThatThrownBy(() -> MetadataReader.read(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid YAML")
                .hasMessageContaining("line 6");
    }

    /** Reads {@code text} both ways and checks that artifacts, fingerprints and entries are the same. */
    private static BackupMetadata assertSameAsParsed(String text) throws IOException {
        BackupMetadata read = MetadataReader.read(text);
        BackupMetadata parsed = MetadataReader.readParsingEverything(() -> new StringReader(text));
        assertThat(read.artifacts()).containsExactlyElementsOf(parsed.artifacts());
        assertThat(read.startTime()).isEqualTo(parsed.startTime());
        for (ArtifactName name : parsed.artifacts()) {
            ChecksumSet expected = parsed.find(name).orElseThrow().checksums();
            ChecksumSet actual = read.find(name).orElseThrow().checksums();
            if (expected == null) {
                assertThat(actual).as(name.toString()).isNull();
                continue;
            }
            assertThat(actual.fingerprint()).as(name.toString()).isEqualTo(expected.fingerprint());
            assertThat(actual.toMap()).as(name.toString()).isEqualTo(expected.toMap());
        }
        return read;
    }
}
