package bbr.director;

import bbr.log.Logger;
import bbr.proxy.ProxyFailures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * One HTTPS request per connection, redirects not followed (the Director client decides how), trusting only the
 * {@code --ca-cert} bundle. {@link HttpURLConnection} because it can go through a SOCKS5 proxy, which the JDK's
 * newer HttpClient cannot ({@code BOSH_ALL_PROXY}).
 */
final class HttpTransport {

    /** A finished exchange: status, body as text, and the {@code Location} header if any. */
    record Response(int status, String body, String location) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    /** Generous, but finite: a Director that stops answering must not hang a 3 a.m. backup forever. */
    private static final int READ_TIMEOUT_MILLIS = 300_000;

    private final SSLContext ssl;
    private final Proxy proxy;
    private final Logger logger;

    HttpTransport(SSLContext ssl, Proxy proxy, Logger logger) {
        this.ssl = ssl;
        this.proxy = proxy;
        this.logger = logger;
    }

    Response send(String method, URI uri, Map<String, String> headers, byte[] body, boolean logBody)
            throws IOException {
        logger.debug("Sending %s request to endpoint '%s'", method, uri);
        try {
            return exchange(method, uri, headers, body, logBody);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new IOException("Performing request " + method + " '" + uri + "': the server's TLS certificate is"
                    + " not trusted by the --ca-cert bundle (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IOException("Performing request " + method + " '" + uri + "': "
                    + ProxyFailures.describe(proxy, e), e);
        }
    }

    private Response exchange(String method, URI uri, Map<String, String> headers, byte[] body, boolean logBody)
            throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection(proxy);
        try {
            connection.setSSLSocketFactory(ssl.getSocketFactory());
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Connection", "close");
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            String text = read(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            logger.debug("Received %d from %s %s%s", status, method, uri, logBody ? ": " + abbreviate(text) : "");
            return new Response(status, text, connection.getHeaderField("Location"));
        } finally {
            connection.disconnect();
        }
    }

    private static String read(InputStream stream) throws IOException {
        if (stream == null) {
            return "";
        }
        try (InputStream in = stream) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 4096 ? text : text.substring(0, 4096) + "...";
    }
}
