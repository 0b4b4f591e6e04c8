package bbr.director;

import java.io.IOException;

/**
 * UAA answered the token request, but with an error status or without a token. Not retried: bosh-cli retries
 * {@code POST /oauth/token} on transport errors only, so a UAA that answers 503 fails the run at once instead of
 * five times over.
 */
final class UaaStatusException extends IOException {

    UaaStatusException(String message) {
        super(message);
    }

    UaaStatusException(String message, Throwable cause) {
        super(message, cause);
    }
}
