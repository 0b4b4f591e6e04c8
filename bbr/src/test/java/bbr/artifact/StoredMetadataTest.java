package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.artifact.store.StoredFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code stored} and {@code manifest} blocks of issue #12: where they go, and that they read back. */
class StoredMetadataTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void storedFollowsTheChecksums_andManifestFollowsBackupActivity_andBothReadBack() {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime("2026/11/27 00:15:00 UTC");
        metadata.record(ArtifactName.ofInstance("bosh", "0", "db"), Checksums.of(Map.of("./dump.sql", "aa")),
                new StoredFile("bosh-0-db.tar.zst.age", "zstd+age", 123456, SHA));
        metadata.setFinishTime("2026/11/27 00:16:40 UTC");
        metadata.setManifest(new StoredFile("manifest.yml.age", "age", 900, SHA));

        String text = MetadataYaml.write(metadata);

        assertThat(text).isEqualTo("""
                instances:
                - name: bosh
                  index: "0"
                  artifacts:
                  - name: db
                    checksums:
                      ./dump.sql: aa
                    stored:
                      file: bosh-0-db.tar.zst.age
                      encoding: zstd+age
                      size: 123456
                      sha256: %s
                backup_activity:
                  start_time: 2026/11/27 00:15:00 UTC
                  finish_time: 2026/11/27 00:16:40 UTC
                manifest:
                  file: manifest.yml.age
                  encoding: age
                  size: 900
                  sha256: %s
                """.formatted(SHA, SHA));
        BackupMetadata read = MetadataYaml.read(text);
        assertThat(read.find(ArtifactName.ofInstance("bosh", "0", "db")).orElseThrow().stored())
                .isEqualTo(new StoredFile("bosh-0-db.tar.zst.age", "zstd+age", 123456, SHA));
        assertThat(read.manifest()).contains(new StoredFile("manifest.yml.age", "age", 900, SHA));
        assertThat(MetadataYaml.write(read)).isEqualTo(text);
    }

    @Test
    void aPlainArtifact_hasNoStoredBlock() {
        BackupMetadata metadata = new BackupMetadata();
        metadata.record(ArtifactName.ofInstance("bosh", "0", "db"), Checksums.of(Map.of("./a", "aa")));

        assertThat(MetadataYaml.write(metadata)).doesNotContain("stored").doesNotContain("manifest");
    }

    @Test
    void aStoredBlockWithoutSize_isNamedAsInvalid() {
        assertThatThrownBy(() -> MetadataYaml.read("""
                instances:
                - name: bosh
                  index: "0"
                  artifacts:
                  - name: db
                    checksums: {}
                    stored:
                      file: x
                      encoding: zstd
                      sha256: aa
                """)).hasMessageContaining("stored of bosh/0 db.size");
    }
}
