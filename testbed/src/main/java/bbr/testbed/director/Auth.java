package bbr.testbed.director;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated Director authenticates: HTTP basic with one user, or UAA client credentials with one client
 * (bbr's {@code --username}/{@code --password} are the client id and secret, director-api.md §3.3).
 */
public final class Auth {

    /** The two identity providers a Director can report in {@code /info} (§4). */
    public enum Type { BASIC, UAA }

    // UAA's default access token validity for clients is 12 hours; 599 s is what bbr's mockuaa and many
    // BOSH-deployed UAAs hand out, and it is short enough to matter in a long backup.
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(599);

    private final Type type;
    private final String username;
    private final String password;
    private final Duration tokenLifetime;
    private final String uaaPath;

    private Auth(Type type, String username, String password, Duration tokenLifetime, String uaaPath) {
        this.type = type;
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.tokenLifetime = tokenLifetime;
        this.uaaPath = uaaPath;
    }

    /** A Director whose own user store holds one user ({@code "type":"basic"} in /info). */
    public static Auth basic(String username, String password) {
        return new Auth(Type.BASIC, username, password, DEFAULT_TOKEN_LIFETIME, "");
    }

    /** A Director that trusts a UAA, served on a second port of the same address, knowing one client. */
    public static Auth uaa(String clientId, String clientSecret) {
        return new Auth(Type.UAA, clientId, clientSecret, DEFAULT_TOKEN_LIFETIME, "");
    }

    /** How long UAA tokens stay valid; the Director answers 401 to an expired one. */
    public Auth tokenLifetime(Duration lifetime) {
        requireUaa();
        return new Auth(type, username, password, lifetime, uaaPath);
    }

    /** Serves UAA under a path ("/uaa"): the UAA URL in /info then ends with it, and the token endpoint is below it. */
    public Auth uaaPath(String path) {
        requireUaa();
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("a path like /uaa, not " + path);
        }
        return new Auth(type, username, password, tokenLifetime, path);
    }

    public Type type() {
        return type;
    }

    /** The basic-auth user name or the UAA client id. */
    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public String uaaPath() {
        return uaaPath;
    }

    private void requireUaa() {
        if (type != Type.UAA) {
            throw new IllegalStateException("only a UAA has tokens and a path");
        }
    }

    @Override
    public String toString() {
        return type == Type.BASIC ? "basic(" + username + ")" : "uaa(" + username + ")";
    }
}
