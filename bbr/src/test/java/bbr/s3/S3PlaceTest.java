package bbr.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the S3 place refuses before it sends anything. */
class S3PlaceTest {

    @Test
    void aCaBundleThatIsNotThere_isRefusedNamingTheVariableAndTheFile() {
        S3Settings settings = S3Settings.fromEnvironment(Map.of("AWS_CA_BUNDLE", "/nonexistent/ca.pem"));

        assertThatThrownBy(() -> S3Place.open("s3://backups", settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_CA_BUNDLE: open /nonexistent/ca.pem: no such file or directory");
    }

    @Test
    void aUrlThatIsNotS3_isRefusedNamingIt() {
        assertThatThrownBy(() -> S3Place.open("s3:/backups", S3Settings.fromEnvironment(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3:/backups");
    }
}
