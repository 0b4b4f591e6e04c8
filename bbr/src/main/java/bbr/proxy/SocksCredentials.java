package bbr.proxy;

import java.net.Authenticator;
import java.net.PasswordAuthentication;

/**
 * Gives a SOCKS5 proxy's username and password to the JDK's SOCKS client, which only takes them from the global
 * {@link Authenticator}. They are handed to SOCKS requests for that proxy host only, never to an HTTP server that
 * asks for a login.
 */
public final class SocksCredentials {

    private SocksCredentials() {
    }

    public static void register(String proxyHost, String user, String password) {
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                boolean forThisProxy = getRequestingProtocol() != null
                        && getRequestingProtocol().startsWith("SOCKS")
                        && proxyHost.equalsIgnoreCase(getRequestingHost());
                return forThisProxy ? new PasswordAuthentication(user, password.toCharArray()) : null;
            }
        });
    }
}
