package bbr.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws into a message an operator can act on: what bbr was doing, the {@code s3://} object,
 * the endpoint, and the store's own answer (status, code, message) or the network's. Never a Java class name; no
 * secret can be in it, since neither the request's signature nor its credentials are ever part of the text.
 */
final class S3Failures {

    /** Codes by which S3 says the credentials, not the request, are wrong. */
    private static final List<String> CREDENTIAL_CODES = List.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "InvalidSecurity");
    /** "software.amazon.awssdk.core.exception.SdkClientException: " and the like, wherever a cause's text has one. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*)?|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error):\\s*");

    private final String endpoint;

    S3Failures(String endpoint) {
        this.endpoint = endpoint;
    }

    String endpoint() {
        return endpoint;
    }

    /** "cannot {@code doing} s3://b/k at ENDPOINT: what happened", keeping the SDK's exception as the cause. */
    IOException failure(String doing, S3Location object, Throwable e) {
        if (e instanceof InterruptedIOException interrupted) {
            return interrupted;
        }
        IOException failure = isMissing(e)
                ? new NoSuchFileException(object.toString(), null, "no such object at " + endpoint)
                : new IOException("cannot " + doing + " " + object + " at " + endpoint + ": " + cause(e));
        failure.initCause(e);
        return failure;
    }

    static boolean isMissing(Throwable e) {
        return e instanceof AwsServiceException service && service.statusCode() == 404
                && (service.awsErrorDetails() == null || !"NoSuchBucket".equals(service.awsErrorDetails().errorCode())
                && !"NoSuchUpload".equals(service.awsErrorDetails().errorCode()));
    }

    /** What happened, in the operator's words. */
    static String cause(Throwable e) {
        if (e instanceof AwsServiceException service) {
            return answer(service);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        String text = root.getMessage() == null ? "" : root.getMessage();
        if (text.startsWith("Unable to load credentials")) {
            return "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a"
                    + " shared credentials file, or run where an instance or container role applies";
        }
        if (root instanceof SSLException) {
            return text.contains("PKIX") || text.contains("certification path")
                    ? "the server's TLS certificate is not trusted (set AWS_CA_BUNDLE to the PEM file of its CA)"
                    : "TLS failed: " + clean(text);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return "cannot connect: " + (text.isEmpty() ? "connection refused" : clean(text));
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + clean(text);
        }
        if (root instanceof SocketTimeoutException) {
            return "the server did not answer in time" + (text.isEmpty() ? "" : " (" + clean(text) + ")");
        }
        if (text.isEmpty() && e instanceof SdkException sdk && sdk.getMessage() != null) {
            text = sdk.getMessage();
        }
        return text.isEmpty() ? "the connection failed" : clean(text);
    }

    private static String answer(AwsServiceException service) {
        int status = service.statusCode();
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
        String said = status + (code == null ? "" : " " + code) + (message == null || message.isBlank() ? ""
                : ": " + clean(message));
        if ("NoSuchBucket".equals(code)) {
            return "the bucket does not exist (" + said + ")";
        }
        if (code != null && CREDENTIAL_CODES.contains(code)) {
            return "the credentials were refused (" + said + ")";
        }
        if (status == 403) {
            return "access was denied: the credentials are wrong or lack the permission (" + said + ")";
        }
        return "the server answered " + said;
    }

    static String clean(String text) {
        return CLASS_NAME.matcher(text).replaceAll("").strip();
    }
}
