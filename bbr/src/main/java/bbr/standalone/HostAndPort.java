package bbr.standalone;

/** A {@code host[:port]} as given to {@code --host}; the port defaults to SSH's 22. */
public record HostAndPort(String host, int port) {

    public static final int SSH_PORT = 22;

    /** @throws IllegalArgumentException naming what is wrong with the value */
    public static HostAndPort parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no host given");
        }
        String text = value.strip();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid host '" + value + "': missing ']'");
            }
            String host = text.substring(1, close);
            String rest = text.substring(close + 1);
            return new HostAndPort(host, rest.isEmpty() ? SSH_PORT : port(rest.substring(1), value));
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0 || text.indexOf(':') != colon) {
            return new HostAndPort(text, SSH_PORT);
        }
        return new HostAndPort(text.substring(0, colon), port(text.substring(colon + 1), value));
    }

    private static int port(String digits, String value) {
        try {
            int port = Integer.parseInt(digits);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
