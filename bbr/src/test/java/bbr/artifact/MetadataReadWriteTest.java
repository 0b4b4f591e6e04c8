package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataReadWriteTest {

    @Test
    void write_matchesTheOriginalsLayout_withQuotedIndexSortedChecksumsAndUnindentedLists() {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime("2026/11/27 00:15:00 UTC");
        metadata.record(ArtifactName.ofInstance("redis", "0", "redis-server"), Checksums.of(Map.of(
                "./redis-server/dump.rdb", "bb", "./redis-server/appendonly.aof", "aa")));
        metadata.record(ArtifactName.ofInstance("redis", "0", "empty"), Checksums.of(Map.of()));
        metadata.record(ArtifactName.custom("job-rel-backup-one-restore-all"), Checksums.of(Map.of("./a b", "cc")));
        metadata.setFinishTime("2026/11/27 00:16:40 UTC");

        assertThat(MetadataWriter.text(metadata)).isEqualTo("""
                instances:
                - name: redis
                  index: "0"
                  artifacts:
                  - name: redis-server
                    checksums:
                      ./redis-server/appendonly.aof: aa
                      ./redis-server/dump.rdb: bb
                  - name: empty
                    checksums: {}
                custom_artifacts:
                - name: job-rel-backup-one-restore-all
                  checksums:
                    ./a b: cc
                backup_activity:
                  start_time: 2026/11/27 00:15:00 UTC
                  finish_time: 2026/11/27 00:16:40 UTC
                """);
    }

    @Test
    void write_omitsEmptyInstancesAndCustomArtifacts() {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime("2026/11/27 00:15:00 UTC");
        assertThat(MetadataWriter.text(metadata)).isEqualTo("""
                backup_activity:
                  start_time: 2026/11/27 00:15:00 UTC
                """);
    }

    @Test
    void read_acceptsTheOriginalsArtifact() throws Exception {
        BackupMetadata metadata = MetadataReader.read(Files.readString(
                OriginalFixtures.artifact("gobbr-redis-3-instances").resolve("metadata")));
        assertThat(metadata.artifacts()).containsExactly(
                ArtifactName.ofInstance("other-redis", "0", "redis-server"),
                ArtifactName.ofInstance("redis", "0", "redis-server"),
                ArtifactName.ofInstance("redis", "1", "redis-server"));
        assertThat(metadata.find(ArtifactName.ofInstance("redis", "1", "redis-server")).orElseThrow()
                .checksums().toMap()).containsEntry("./redis-server/dump.rdb",
                "66f7f1c19210f601eb7e087f510cbf6c045ca70654dc4c323902204dc4c38108");
        assertThat(metadata.startTime()).isEmpty();
    }

    @Test
    void roundTrip_keepsEverything() throws Exception {
        String original = Files.readString(OriginalFixtures.artifact("gobbr-director-3-jobs").resolve("metadata"));
        BackupMetadata metadata = MetadataReader.read(original);
        metadata.setStartTime("2017/05/16 13:06:00 UTC");
        BackupMetadata again = MetadataReader.read(MetadataWriter.text(metadata));
        assertThat(again.artifacts()).isEqualTo(metadata.artifacts());
        assertThat(again.startTime()).contains("2017/05/16 13:06:00 UTC");
    }

    @Test
    void aFailedBackupIsMarkedIncomplete_andTheMarkSurvivesARoundTrip() {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime("2026/11/27 00:15:00 UTC");
        metadata.markIncomplete();
        String text = MetadataWriter.text(metadata);
        assertThat(text).endsWith("  incomplete: true\n");
        assertThat(MetadataReader.read(text).incomplete()).isTrue();
        assertThat(MetadataReader.read("backup_activity:\n  start_time: x\n").incomplete()).isFalse();
    }

    @Test
    void read_acceptsAnUnquotedIntegerIndex() {
        BackupMetadata metadata = MetadataReader.read("""
                instances:
                - name: bosh
                  index: 0
                  artifacts:
                  - name: director
                    checksums: {}
                """);
        assertThat(metadata.artifacts()).containsExactly(ArtifactName.ofInstance("bosh", "0", "director"));
    }

    @Test
    void read_keepsAMissingChecksumsKeyApartFromAnEmptyOne() {
        BackupMetadata metadata = MetadataReader.read("""
                instances:
                - name: bosh
                  index: "0"
                  artifacts:
                  - name: director
                """);
        assertThat(metadata.find(ArtifactName.ofInstance("bosh", "0", "director")).orElseThrow().checksums())
                .isNull();
    }

    @Test
    void read_rejectsWrongTypes_namingTheField() {
        assertThatThrownBy(() -> MetadataReader.read("instances: 5"))
                .hasMessageContaining("instances");
        assertThatThrownBy(() -> MetadataReader.read("instances:\n- name: x\n  index: '0'\n  artifacts: nope"))
                .hasMessageContaining("artifacts of instance x/0");
        assertThatThrownBy(() -> MetadataReader.read("instances: [")).hasMessageContaining("invalid YAML");
    }

    /** The bytes yaml.v2 v2.4.0 writes for these names (from the original's structs; see MetadataAgainstYamlV2Test). */
    private static final String BINARY_KEYS = """
            instances:
            - name: bosh
              index: "0"
              artifacts:
              - name: db
                checksums:
                  ? !!binary |
                    Li////////////////////////////////////////////////////////////////////
                    ////////////8=
                  : bb
                  !!binary Li9jYWbp: aa
                  ./ok: cc
            backup_activity:
              start_time: 2026/11/27 00:15:00 UTC
            """;

    @Test
    void namesThatAreNotUtf8_areWrittenAsYamlV2sBinaryKeys_andReadBackAsTheirBytes() throws Exception {
        byte[] latin1 = {'.', '/', 'c', 'a', 'f', (byte) 0xE9};
        byte[] long0xff = new byte[62];
        java.util.Arrays.fill(long0xff, (byte) 0xFF);
        long0xff[0] = '.';
        long0xff[1] = '/';
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime("2026/11/27 00:15:00 UTC");
        try (Scratch scratch = Scratch.temporary()) {
            ChecksumSpill spill = new ChecksumSpill(scratch, bbr.artifact.goyaml.GoKeyOrder.INSTANCE);
            spill.accept(latin1, "aa".getBytes());
            spill.accept("./ok".getBytes(), "cc".getBytes());
            spill.accept(long0xff, "bb".getBytes());
            metadata.record(ArtifactName.ofInstance("bosh", "0", "db"), spill.finish());
            assertThat(MetadataWriter.text(metadata)).isEqualTo(BINARY_KEYS);
        }
        java.util.Map<String, String> read = new java.util.HashMap<>();
        MetadataReader.read(BINARY_KEYS).find(ArtifactName.ofInstance("bosh", "0", "db")).orElseThrow().checksums()
                .replay((name, sum) -> read.put(java.util.HexFormat.of().formatHex(name), new String(sum)));
        assertThat(read).containsOnly(
                java.util.Map.entry(java.util.HexFormat.of().formatHex(latin1), "aa"),
                java.util.Map.entry(java.util.HexFormat.of().formatHex(long0xff), "bb"),
                java.util.Map.entry(java.util.HexFormat.of().formatHex("./ok".getBytes()), "cc"));
    }

    @Test
    void aMetadataOfManyFiles_isReadPastSnakeYamlsDefaultLimit() throws Exception {
        StringBuilder text = new StringBuilder("instances:\n- name: bosh\n  index: \"0\"\n  artifacts:\n"
                + "  - name: blobs\n    checksums:\n");
        for (int i = 0; i < 60_000; i++) {
            text.append(String.format("      ./blobs/f%06d: %064x%n", i, i));
        }
        assertThat(text.length()).isGreaterThan(3 << 20);
        BackupMetadata metadata = MetadataReader.read(text.toString());
        assertThat(metadata.find(ArtifactName.ofInstance("bosh", "0", "blobs")).orElseThrow().checksums().count())
                .isEqualTo(60_000);
    }
}
