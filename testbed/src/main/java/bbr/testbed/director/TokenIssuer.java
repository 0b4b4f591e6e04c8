package bbr.testbed.director;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues UAA access tokens shaped like UAA's (signed JWTs with {@code bosh.admin} scope and an expiry) and tells
 * the Director whether one is still good. bosh-cli never decodes them (director-api.md §3.3); the Director does.
 */
final class TokenIssuer {

    /** An issued token with what the token endpoint reports about it. */
    record Token(String accessToken, String jti, long expiresIn) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final byte[] signingKey = new byte[32];
    private final Duration lifetime;
    private final Clock clock;
    private volatile String issuer = "";

    TokenIssuer(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
        new SecureRandom().nextBytes(signingKey);
    }

    /** UAA's {@code iss} claim: its token endpoint URL; known once the UAA listens. */
    void issuer(String tokenEndpoint) {
        this.issuer = tokenEndpoint;
    }

    Token issue(String clientId) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String jti = UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("kid", "uaa-jwt-key-1");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", jti);
        claims.put("sub", clientId);
        claims.put("authorities", List.of("bosh.admin"));
        claims.put("scope", List.of("bosh.admin"));
        claims.put("client_id", clientId);
        claims.put("cid", clientId);
        claims.put("azp", clientId);
        claims.put("grant_type", "client_credentials");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("iss", issuer);
        claims.put("zid", "uaa");
        claims.put("aud", List.of("bosh", clientId));
        String unsigned = base64(Json.write(header)) + "." + base64(Json.write(claims));
        String token = unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(unsigned));
        issued.put(token, new Issued(clientId, expires));
        return new Token(token, jti, lifetime.toSeconds());
    }

    /** The client a token was issued to, if it is one of ours, unexpired and not revoked. */
    Optional<String> clientOf(String token) {
        Issued entry = issued.get(token);
        if (entry == null || !clock.instant().isBefore(entry.expires())) {
            return Optional.empty();
        }
        return Optional.of(entry.clientId());
    }

    void revokeAll() {
        issued.clear();
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private record Issued(String clientId, Instant expires) {
    }
}
