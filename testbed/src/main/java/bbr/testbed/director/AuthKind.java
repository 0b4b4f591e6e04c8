package bbr.testbed.director;

import java.util.Locale;

/** Which kind of {@code Authorization} a request carried, whether or not it was valid. */
public enum AuthKind {
    NONE, BASIC, BEARER, OTHER;

    static AuthKind of(String authorization) {
        if (authorization == null) {
            return NONE;
        }
        String scheme = authorization.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "basic" -> BASIC;
            case "bearer" -> BEARER;
            default -> OTHER;
        };
    }
}
