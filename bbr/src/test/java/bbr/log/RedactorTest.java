package bbr.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLWJ5dGVz";

    private final Redactor redactor = Redactor.shapes().withSecret("s3cr3t-value")
            .withSecret("YWRtaW46czNjcjN0LXZhbHVl");

    @Test
    void givenSecrets_areRemovedWherever_theyAppear() {
        assertThat(redactor.redact("password was s3cr3t-value, twice: xs3cr3t-valuex"))
                .isEqualTo("password was <redacted>, twice: x<redacted>x");
        assertThat(redactor.redact("Authorization YWRtaW46czNjcjN0LXZhbHVl")).doesNotContain("YWRtaW46");
    }

    @Test
    void tokens_areRemoved_asJwtsAndAsBearerOrBasicCredentials() {
        assertThat(redactor.redact("token " + JWT + " end")).isEqualTo("token <redacted> end");
        assertThat(redactor.redact("Authorization: bearer abc.def-ghi_jkl")).isEqualTo("Authorization: bearer <redacted>");
        assertThat(redactor.redact("Authorization: Bearer " + JWT)).isEqualTo("Authorization: Bearer <redacted>");
        assertThat(redactor.redact("Authorization: Basic Zm9vOmJhcg==")).isEqualTo("Authorization: Basic <redacted>");
    }

    @Test
    void ageIdentities_areRemoved_butRecipientsStay() {
        String identity = "AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSWZ4P0F";
        assertThat(redactor.redact("line: " + identity + ".")).isEqualTo("line: <redacted>.");
        assertThat(redactor.redact(identity.toLowerCase())).isEqualTo("<redacted>");
        assertThat(redactor.redact("age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"))
                .startsWith("age1ql3z7");
    }

    @Test
    void privateKeys_areRemoved_evenWhenCutOff() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertThat(redactor.redact("key:\n" + key + "\nafter")).isEqualTo("key:\n<redacted>\nafter");
        assertThat(redactor.redact("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1r"))
                .isEqualTo("<redacted>").doesNotContain("PRIVATE KEY");
        assertThat(redactor.redact("ssh-rsa AAAAB3NzaC1yc2E public")).isEqualTo("ssh-rsa AAAAB3NzaC1yc2E public");
    }

    @Test
    void tokenAndSecretFields_ofJsonAndFormBodies_areRemoved() {
        assertThat(redactor.redact("{\"access_token\":\"opaque-token\",\"token_type\":\"bearer\",\"expires_in\":599}"))
                .isEqualTo("{\"access_token\":\"<redacted>\",\"token_type\":\"bearer\",\"expires_in\":599}");
        assertThat(redactor.redact("grant_type=client_credentials&client_secret=hunter22&x=1"))
                .isEqualTo("grant_type=client_credentials&client_secret=<redacted>&x=1");
    }

    @Test
    void ordinaryLogLines_passUnchanged() {
        String line = "Sending GET request to endpoint 'https://10.0.0.6:25555/deployments/cf/vms?format=full'";
        assertThat(redactor.redact(line)).isEqualTo(line);
        assertThat(redactor.redact("user_authentication type basic")).isEqualTo("user_authentication type basic");
        assertThat(redactor.redact("Basic auth failed")).isEqualTo("Basic auth failed");
    }

    @Test
    void veryShortSecrets_areNotTreatedAsLiterals() {
        assertThat(Redactor.shapes().withSecret("ab").redact("table")).isEqualTo("table");
    }

    @Test
    void wrappedLogger_redactsMessages_butKeepsTheProgressOfTheLoggerUnderneath() {
        List<String> lines = new ArrayList<>();
        ProgressListener progress = ProgressListener.none();
        Logger inner = ((Logger) (level, message) -> lines.add(message)).withProgress(progress);

        Logger wrapped = redactor.wrap(inner);
        wrapped.debug("Received 200: %s", "{\"access_token\":\"" + JWT + "\"}");

        assertThat(lines).containsExactly("Received 200: {\"access_token\":\"<redacted>\"}");
        assertThat(wrapped.progress()).isSameAs(progress);
    }
}
