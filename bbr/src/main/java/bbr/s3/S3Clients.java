package bbr.s3;

import bbr.director.CaCertificates;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the one S3 client of a place from its settings. */
final class S3Clients {

    /** Room for every part in flight plus the listing, probe and head requests beside them. */
    private static final int SPARE_CONNECTIONS = 4;
    /** What S3 answers when the Content-MD5 or the signed payload hash does not match the bytes that arrived. */
    private static final List<String> DAMAGED = List.of("BadDigest", "XAmzContentSHA256Mismatch");

    private S3Clients() {
    }

    /** @throws IllegalArgumentException naming AWS_CA_BUNDLE when its file cannot be used */
    static S3Client create(S3Settings settings) {
        Apache5HttpClient.Builder http = Apache5HttpClient.builder()
                .maxConnections(settings.partsInFlight() + SPARE_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofMinutes(2));
        if (settings.caBundle() != null) {
            TrustManager[] trust = trustManagers(settings.caBundle());
            http.tlsTrustManagersProvider(() -> trust);
        }
        SdkHttpClient client = http.build();
        var builder = S3Client.builder()
                .httpClient(client)
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // Content-MD5 on every part is the integrity check bbr asks of the store (S3, MinIO, Ceph and s3proxy
                // all verify it); the SDK's default trailing CRC32 in aws-chunked bodies is not understood by every
                // S3-compatible store, s3proxy among them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500),
                                Duration.ofSeconds(20)))
                        // A store that throttles for a while must not make bbr stop retrying altogether.
                        .circuitBreakerEnabled(false)
                        // Bytes damaged on their way: the store refused them, and the same part sent again is fine.
                        .retryOnException(S3Clients::arrivedDamaged)
                        .build()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static boolean arrivedDamaged(Throwable e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && DAMAGED.contains(String.valueOf(service.awsErrorDetails().errorCode()));
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        S3Settings.StaticCredentials given = settings.credentials();
        if (given == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(given.sessionToken() == null
                ? AwsBasicCredentials.create(given.accessKeyId(), given.secretAccessKey())
                : AwsSessionCredentials.create(given.accessKeyId(), given.secretAccessKey(), given.sessionToken()));
    }

    private static TrustManager[] trustManagers(String caBundle) {
        try {
            return CaCertificates.trustManagers(caBundle);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AWS_CA_BUNDLE: " + e.getMessage(), e);
        }
    }
}
