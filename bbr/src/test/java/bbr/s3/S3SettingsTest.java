package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    @Test
    void nothingSet_meansAwsInUsEast1_theDefaultChain_and64MibOfParts() {
        S3Settings settings = S3Settings.fromEnvironment(Map.of());

        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.endpointShown()).isEqualTo("https://s3.us-east-1.amazonaws.com");
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.credentials()).isNull();
        assertThat(settings.partSize()).isEqualTo(16 << 20);
        assertThat(settings.partsInFlight()).isEqualTo(4);
        assertThat(settings.uploadMemory()).isEqualTo(64L << 20);
    }

    @Test
    void theAwsVariables_andBbrsOwn_areRead() {
        S3Settings settings = S3Settings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "https://minio.internal:9000", "BBR_S3_PATH_STYLE", "true",
                "AWS_CA_BUNDLE", "/etc/ssl/minio.pem", "BBR_S3_PART_SIZE", "8MiB", "BBR_S3_PARTS_IN_FLIGHT", "2",
                "AWS_MAX_ATTEMPTS", "3", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t-key",
                "AWS_SESSION_TOKEN", "the-session-token"));

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.endpoint()).isEqualTo(URI.create("https://minio.internal:9000"));
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.caBundle()).isEqualTo("/etc/ssl/minio.pem");
        assertThat(settings.partSize()).isEqualTo(8 << 20);
        assertThat(settings.partsInFlight()).isEqualTo(2);
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.secrets()).containsExactly("s3cr3t-key", "the-session-token");
        assertThat(settings.toString()).doesNotContain("s3cr3t-key").doesNotContain("the-session-token");
    }

    @Test
    void theS3SpecificEndpoint_winsOverTheGeneralOne() {
        S3Settings settings = S3Settings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://general:1",
                "AWS_ENDPOINT_URL_S3", "http://s3-only:2"));

        assertThat(settings.endpointShown()).isEqualTo("http://s3-only:2");
    }

    @Test
    void sizes_takeTheUnitsOperatorsWrite() {
        assertThat(S3Settings.size("X", "16MiB")).isEqualTo(16L << 20);
        assertThat(S3Settings.size("X", "16m")).isEqualTo(16L << 20);
        assertThat(S3Settings.size("X", "1GiB")).isEqualTo(1L << 30);
        assertThat(S3Settings.size("X", "6291456")).isEqualTo(6L << 20);
    }

    @Test
    void wrongValues_areRefusedNamingTheVariable() {
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("BBR_S3_PART_SIZE", "1MiB")))
                .hasMessageContaining("BBR_S3_PART_SIZE").hasMessageContaining("5MiB to 1GiB");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("BBR_S3_PARTS_IN_FLIGHT", "0")))
                .hasMessageContaining("BBR_S3_PARTS_IN_FLIGHT");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("BBR_S3_PATH_STYLE", "maybe")))
                .hasMessageContaining("BBR_S3_PATH_STYLE");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "minio:9000")))
                .hasMessageContaining("AWS_ENDPOINT_URL").hasMessageContaining("minio:9000");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("AWS_MAX_ATTEMPTS", "lots")))
                .hasMessageContaining("AWS_MAX_ATTEMPTS");
    }
}
