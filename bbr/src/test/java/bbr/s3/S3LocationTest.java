package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3LocationTest {

    @Test
    void bucketAlone_hasNoPrefix_andKeysStartAtTheRoot() {
        S3Location location = S3Location.parse("s3://backups");

        assertThat(location).isEqualTo(new S3Location("backups", ""));
        assertThat(location.key("redis_20261127T001500Z")).isEqualTo("redis_20261127T001500Z");
        assertThat(location.keyPrefix()).isEmpty();
        assertThat(location).hasToString("s3://backups");
    }

    @Test
    void prefix_losesItsTrailingSlashes_andBackupsLiveBelowIt() {
        S3Location location = S3Location.parse("s3://backups/cf/prod//");

        assertThat(location.prefix()).isEqualTo("cf/prod");
        assertThat(location.child("redis_20261127T001500Z").child("metadata").key())
                .isEqualTo("cf/prod/redis_20261127T001500Z/metadata");
        assertThat(location.keyPrefix()).isEqualTo("cf/prod/");
        assertThat(location.child("x")).hasToString("s3://backups/cf/prod/x");
    }

    @Test
    void notAnS3Url_orABadBucketName_isRefusedNamingTheUrl() {
        assertThat(S3Location.isS3("/var/backups")).isFalse();
        assertThatThrownBy(() -> S3Location.parse("/var/backups")).hasMessageContaining("/var/backups")
                .hasMessageContaining("s3://BUCKET[/PREFIX]");
        assertThatThrownBy(() -> S3Location.parse("s3://Backups_2/x")).hasMessageContaining("s3://Backups_2/x")
                .hasMessageContaining("not a valid bucket name");
        assertThatThrownBy(() -> S3Location.parse("s3://")).hasMessageContaining("not a valid bucket name");
        assertThatThrownBy(() -> S3Location.parse("s3://backups//x")).hasMessageContaining("empty segment");
    }
}
