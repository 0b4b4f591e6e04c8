package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.CopyingPlace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactPlacesTest {

    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_ENDPOINT_URL",
            "http://127.0.0.1:9", "BBR_S3_PATH_STYLE", "true");
    private final ArtifactPlaces places = new ArtifactPlaces(Path.of("/work"), ENV);

    @Test
    void anS3BackupPath_isItsParentPlace_andItsLastSegmentAsTheName() {
        ArtifactPlaces.Backup deep = places.backup("s3://backups/cf/daily/cf_20261127T001500Z");
        ArtifactPlaces.Backup top = places.backup("s3://backups/cf_20261127T001500Z/");
        try (ArtifactPlace a = deep.place(); ArtifactPlace b = top.place()) {
            assertThat(a.location()).isEqualTo("s3://backups/cf/daily");
            assertThat(deep.name()).isEqualTo("cf_20261127T001500Z");
            assertThat(b.location()).isEqualTo("s3://backups");
            assertThat(top.name()).isEqualTo("cf_20261127T001500Z");
        }
    }

    @Test
    void aLocalBackupPath_isResolvedInTheWorkingDirectory() {
        ArtifactPlaces.Backup backup = places.backup("backups/cf_20261127T001500Z");
        assertThat(backup.place().location()).isEqualTo("/work/backups");
        assertThat(backup.name()).isEqualTo("cf_20261127T001500Z");
    }

    @Test
    void aBucketAlone_orABadBucketName_isRefused_namingTheValue() {
        assertThatThrownBy(() -> places.backup("s3://backups")).hasMessageContaining("s3://backups")
                .hasMessageContaining("names a bucket, not a backup");
        assertThatThrownBy(() -> places.forBackups("s3://Bad_Bucket/x", List.of()))
                .hasMessageContaining("s3://Bad_Bucket/x").hasMessageContaining("not a valid bucket name");
        assertThatThrownBy(() -> places.forBackups("/backups", List.of("s3://ok-bucket", "s3://x")))
                .hasMessageContaining("s3://x");
    }

    @Test
    void copyTo_makesOnePlaceOfEveryDestination_theArtifactPathFirst() {
        try (ArtifactPlace place = places.forBackups("s3://backups/cf", List.of("copies", "s3://dr-site/cf"))) {
            assertThat(place).isInstanceOf(CopyingPlace.class);
            assertThat(place.location()).isEqualTo("s3://backups/cf");
        }
        try (ArtifactPlace plain = places.forBackups(null, List.of())) {
            assertThat(plain.location()).isEqualTo("/work");
        }
    }

    @Test
    void aBadS3Setting_isRefused_namingTheVariable() {
        ArtifactPlaces wrong = new ArtifactPlaces(Path.of("/work"), Map.of("BBR_S3_PART_SIZE", "3M"));
        assertThatThrownBy(() -> wrong.forBackups("s3://backups", List.of())).hasMessageContaining("BBR_S3_PART_SIZE")
                .hasMessageContaining("'3M'");
    }
}
