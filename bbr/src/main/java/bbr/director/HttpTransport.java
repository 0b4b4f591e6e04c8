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
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTPS requests over kept-alive connections, redirects not followed (the Director client decides how), trusting
 * only the {@code --ca-cert} bundle. {@link HttpURLConnection} because it can go through a SOCKS5 proxy, which the
 * JDK's newer HttpClient cannot ({@code BOSH_ALL_PROXY}).
 *
 * <p>A connection goes back to the JDK's keep-alive cache once its body is read to the end, and the next request to
 * the same Director takes it, for the socket factory is the same object (the cache's key). A new TLS connection
 * for every task poll cost 40-100 ms of the poll (TCP and TLS handshakes, certificate checks) against about 5 ms on
 * a kept one, and polls sit on the critical path of every deployment run. The cache drops a connection idle for 5 s,
 * and a request on one the server has just closed is sent again on a new one by the JDK itself (a streamed POST
 * never goes out on a connection that is not known to be alive).
 */
final class HttpTransport {

    /** A finished exchange: status, body as text, and the {@code Location} header if any. */
    record Response(int status, String body, String location) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    /** Generous, but finite: a Director that stops answering must not hang a 3 a.m. backup forever. */
    private static final int READ_TIMEOUT_MILLIS = 300_000;

    private final SSLSocketFactory sockets;
    private final Proxy proxy;
    private final Logger logger;

    HttpTransport(SSLContext ssl, Proxy proxy, Logger logger) {
        this.sockets = ssl.getSocketFactory(); // a new factory per call would defeat the keep-alive cache
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
            connection.setSSLSocketFactory(sockets);
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
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
        } catch (IOException | RuntimeException e) {
            connection.disconnect(); // a connection that failed half-way must not be kept for the next request
            throw e;
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
