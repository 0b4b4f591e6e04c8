package bbr.testbed.director;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The Director's identity provider: with basic auth its local user store, with UAA the tokens UAA issued
 * (DIR {@code api/local_identity_provider.rb}, {@code api/uaa_identity_provider.rb}; director-api.md §3).
 */
final class Authenticator {

    private final Auth auth;
    private final TokenIssuer tokens;

    Authenticator(Auth auth, TokenIssuer tokens) {
        this.auth = auth;
        this.tokens = tokens;
    }

    /** The user (or UAA client) the Authorization header proves, if it proves one. */
    Optional<String> user(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        AuthKind kind = AuthKind.of(authorization);
        if (auth.type() == Auth.Type.BASIC && kind == AuthKind.BASIC) {
            return basicUser(parts[1], auth.username(), auth.password());
        }
        // UAA tokens are decoded by cf-uaa-lib, which takes the "bearer" scheme case-insensitively.
        if (auth.type() == Auth.Type.UAA && kind == AuthKind.BEARER) {
            return tokens.clientOf(parts[1]);
        }
        return Optional.empty();
    }

    /** Checks base64("user:password") against one known pair, in constant time. */
    static Optional<String> basicUser(String encoded, String username, String password) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8), expected)
                ? Optional.of(username) : Optional.empty();
    }
}
