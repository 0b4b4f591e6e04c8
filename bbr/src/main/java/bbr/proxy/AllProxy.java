package bbr.proxy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code BOSH_ALL_PROXY}: how all Director, UAA and VM SSH traffic leaves this machine. Either a SOCKS5 proxy
 * ({@code socks5://} or {@code socks5h://}, port 1080 by default, optional {@code user:password}; both send host
 * names to the proxy unresolved, as the original does) or an SSH jumpbox
 * ({@code ssh+socks5://[user@]host:port?private-key=PATH}, user {@code jumpbox} by default).
 */
public sealed interface AllProxy {

    String VARIABLE = "BOSH_ALL_PROXY";

    /**
     * @return {@code null} when unset or empty
     * @throws IllegalArgumentException naming the variable and what is wrong with its value
     */
    static AllProxy parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        boolean jumpbox = text.startsWith("ssh+");
        URI uri;
        try {
            uri = URI.create(jumpbox ? text.substring(4) : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + ": not a URL: " + e.getMessage(), e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(VARIABLE + ": no proxy host in the URL");
        }
        return jumpbox ? Jumpbox.of(uri) : Socks.of(uri);
    }

    /** A SOCKS5 proxy, reached directly. */
    record Socks(String host, int port, String user, String password) implements AllProxy {

        private static final int DEFAULT_PORT = 1080;

        static Socks of(URI uri) {
            if (!"socks5".equals(uri.getScheme()) && !"socks5h".equals(uri.getScheme())) {
                throw new IllegalArgumentException(VARIABLE + ": proxy: unknown scheme: " + uri.getScheme());
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            }
            return new Socks(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT, user, password);
        }

        /** The proxy for Java sockets, its credentials registered with the JDK's SOCKS client. */
        public Proxy javaProxy() {
            if (user != null) {
                SocksCredentials.register(host, user, password);
            }
            return new NamedProxy(new InetSocketAddress(host, port), toString());
        }

        /** How messages name the proxy: never with its password. */
        @Override
        public String toString() {
            return "socks5://" + (user == null ? "" : user + "@") + host + ":" + port;
        }
    }

    /**
     * An SSH server every connection is tunnelled through, as {@code direct-tcpip} channels of one SSH connection.
     * Its host key is checked against the operator's known_hosts (the original trusted whatever key it saw first).
     */
    record Jumpbox(String user, String host, int port, Path privateKey) implements AllProxy {

        private static final String DEFAULT_USER = "jumpbox";

        static Jumpbox of(URI uri) {
            if (uri.getPort() <= 0) {
                throw new IllegalArgumentException(VARIABLE + ": the jumpbox URL needs a port, e.g. "
                        + "ssh+socks5://jumpbox@" + uri.getHost() + ":22?private-key=PATH");
            }
            String key = privateKeyParameter(uri.getRawQuery());
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException(VARIABLE + ": Required query param 'private-key' not found");
            }
            String user = uri.getRawUserInfo() == null || uri.getRawUserInfo().isEmpty() ? DEFAULT_USER
                    : URLDecoder.decode(uri.getRawUserInfo().split(":", 2)[0], StandardCharsets.UTF_8);
            return new Jumpbox(user, uri.getHost(), uri.getPort(), Path.of(key));
        }

        private static String privateKeyParameter(String rawQuery) {
            if (rawQuery == null) {
                return null;
            }
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                if (parts[0].equals("private-key") && parts.length == 2) {
                    return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "ssh+socks5://" + user + "@" + host + ":" + port;
        }
    }
}
