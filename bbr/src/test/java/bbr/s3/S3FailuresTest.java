package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3FailuresTest {

    private final S3Failures failures = new S3Failures("http://127.0.0.1:9000");
    private final S3Location object = S3Location.parse("s3://backups/cf/redis_20261127T001500Z/metadata");

    @Test
    void theStoresAnswer_isNamedWithTheObjectAndEndpoint() {
        IOException failure = failures.failure("upload", object, s3(503, "SlowDown", "Please reduce your request rate."));

        assertThat(failure).hasMessage("cannot upload s3://backups/cf/redis_20261127T001500Z/metadata at"
                + " http://127.0.0.1:9000: the server answered 503 SlowDown: Please reduce your request rate.");
    }

    @Test
    void credentialsAndMissingBuckets_areSaidInWords() {
        assertThat(failures.failure("use", object, s3(403, "SignatureDoesNotMatch", "The request signature we"
                + " calculated does not match")).getMessage()).contains("the credentials were refused (403"
                + " SignatureDoesNotMatch");
        assertThat(failures.failure("use", object, s3(403, null, null)).getMessage())
                .endsWith("access was denied: the credentials are wrong or lack the permission (403)");
        assertThat(failures.failure("use", object, s3(403, "AccessDenied", "Access Denied")).getMessage())
                .endsWith("access was denied: the credentials are wrong or lack the permission (403 AccessDenied:"
                        + " Access Denied)");
        assertThat(failures.failure("use", object, s3(404, "NoSuchBucket", "The specified bucket does not exist"))
                .getMessage()).contains("the bucket does not exist (404 NoSuchBucket");
    }

    @Test
    void aMissingObject_isNoSuchFile() {
        assertThat(failures.failure("read", object, s3(404, "NoSuchKey", "no"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s3://backups/cf/redis_20261127T001500Z/metadata");
    }

    @Test
    void networkAndTlsFailures_sayWhatHappened_withoutClassNames() {
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request: Connect to"
                + " 127.0.0.1:9000 failed: Connection refused", new ConnectException("Connection refused"));
        SdkClientException untrusted = SdkClientException.create("Unable to execute HTTP request",
                new SSLHandshakeException("PKIX path building failed: sun.security.provider.certpath"
                        + ".SunCertPathBuilderException: unable to find valid certification path"));

        assertThat(S3Failures.cause(refused)).isEqualTo("cannot connect: Connection refused");
        assertThat(S3Failures.cause(untrusted)).isEqualTo("the server's TLS certificate is not trusted (set"
                + " AWS_CA_BUNDLE to the PEM file of its CA)");
        assertThat(S3Failures.clean("java.net.SocketException: Connection reset")).isEqualTo("Connection reset");
        assertThat(S3Failures.clean("SdkClientException: oops")).isEqualTo("oops");
    }

    @Test
    void noCredentialsAnywhere_tellsWhereToPutThem_insteadOfTheChainsClassNames() {
        SdkClientException none = SdkClientException.create("Unable to load credentials from any of the providers in"
                + " the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider()])");

        assertThat(S3Failures.cause(none)).startsWith("no AWS credentials found: set AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY").doesNotContain("Provider");
    }

    private static S3Exception s3(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
