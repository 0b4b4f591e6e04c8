package bbr.director;

import java.net.URI;

/**
 * Where the BOSH Director listens. Like bosh-cli, only host and port of {@code --target} count: the scheme is
 * always https and the default port is 25555 (director-api.md §2.1).
 */
public record DirectorUrl(String host, int port) {

    public static final int DEFAULT_PORT = 25555;

    /** @throws IllegalArgumentException with bbr's "invalid bosh URL - …" text */
    public static DirectorUrl parse(String target) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("invalid bosh URL - Expected non-empty Director URL");
        }
        String text = target.strip();
        String authority = text.contains("://") ? text.substring(text.indexOf("://") + 3) : text;
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            authority = authority.substring(0, slash);
        }
        if (authority.contains("@")) {
            authority = authority.substring(authority.lastIndexOf('@') + 1);
        }
        String host = authority;
        int port = DEFAULT_PORT;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = authority.substring(1, Math.max(1, close));
            if (close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
                port = port(authority.substring(close + 2), target);
            }
        } else if (authority.indexOf(':') >= 0 && authority.indexOf(':') == authority.lastIndexOf(':')) {
            host = authority.substring(0, authority.indexOf(':'));
            port = port(authority.substring(authority.indexOf(':') + 1), target);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("invalid bosh URL - Expected to extract host from URL '" + target + "'");
        }
        return new DirectorUrl(host, port);
    }

    private static int port(String digits, String target) {
        try {
            int port = Integer.parseInt(digits);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid bosh URL - Extracting port from URL '" + target + "'");
        }
    }

    public URI resolve(String pathAndQuery) {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("https://" + authority + ":" + port + pathAndQuery);
    }
}
