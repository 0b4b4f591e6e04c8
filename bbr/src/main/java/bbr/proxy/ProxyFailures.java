package bbr.proxy;

import bbr.log.Failures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Names {@code BOSH_ALL_PROXY} as what failed when a connection through it fails at the proxy: it refused, did not
 * answer, or broke the SOCKS handshake; a target the proxy could not reach is named as such.
 */
public final class ProxyFailures {

    private ProxyFailures() {
    }

    /** Why a connection through {@code proxy} (or straight, when it is {@code NO_PROXY}) failed. */
    public static String describe(Proxy proxy, IOException failure) {
        if (proxy == null || proxy.type() != Proxy.Type.SOCKS) {
            return Failures.describe(failure);
        }
        String named = AllProxy.VARIABLE + " " + proxy;
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.startsWith("SOCKS: ")) {
            // The proxy answered the handshake and reported the target's failure (JDK's SocksSocketImpl wording).
            return named + " could not reach the server: " + message.substring("SOCKS: ".length())
                    .toLowerCase(Locale.ROOT);
        }
        if (failure instanceof SocketTimeoutException) {
            return named + " did not answer in time (" + Failures.describe(failure) + ")";
        }
        if (failure instanceof ConnectException || message.equals("Connection refused")) {
            return named + " refused the connection";
        }
        if (failure instanceof UnknownHostException && message.contains("<unresolved>")) {
            // The JDK falls back to SOCKS4 when the SOCKS5 greeting fails, and SOCKS4 cannot name a host.
            return named + " failed the SOCKS5 handshake: it did not answer as a SOCKS5 proxy";
        }
        if (failure instanceof SocketException && (message.contains("SOCKS") || message.contains("Connection reset")
                || message.contains("Malformed"))) {
            return named + " failed the SOCKS5 handshake: " + Failures.describe(failure);
        }
        return Failures.describe(failure);
    }
}
