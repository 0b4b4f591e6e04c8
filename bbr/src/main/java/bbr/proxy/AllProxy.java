package bbr.proxy;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code BOSH_ALL_PROXY}: the SOCKS5 proxy that carries all Director, UAA and VM SSH traffic. {@code socks5://}
 * and {@code socks5h://} (port 1080 by default, optional {@code user:password}) are supported; both send host
 * names to the proxy unresolved, as the original does.
 */
public record AllProxy(String host, int port, String user, String password) {

    public static final String VARIABLE = "BOSH_ALL_PROXY";
    private static final int DEFAULT_PORT = 1080;

    /**
     * @return {@code null} when unset or empty
     * @throws IllegalArgumentException naming the variable and what is wrong with its value
     */
    public static AllProxy parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.startsWith("ssh+")) {
            throw new IllegalArgumentException(VARIABLE + ": the ssh+socks5:// form (a jumpbox tunnel) is not"
                    + " supported by this bbr yet; start `ssh -D PORT jumpbox` and use socks5://127.0.0.1:PORT");
        }
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + ": not a URL: " + e.getMessage(), e);
        }
        if (!"socks5".equals(uri.getScheme()) && !"socks5h".equals(uri.getScheme())) {
            throw new IllegalArgumentException(VARIABLE + ": proxy: unknown scheme: " + uri.getScheme());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(VARIABLE + ": no proxy host in the URL");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new AllProxy(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT, user, password);
    }

    /** The proxy for Java sockets; registers its credentials, which Java's SOCKS client asks for globally. */
    public Proxy javaProxy() {
        if (user != null) {
            Authenticator.setDefault(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password.toCharArray());
                }
            });
        }
        return new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(host, port));
    }

    /** How messages name the proxy: never with its password. */
    @Override
    public String toString() {
        return "socks5://" + (user == null ? "" : user + "@") + host + ":" + port;
    }
}
