package bbr.director;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * UAA client-credentials tokens for the Director: the client id and secret are bbr's {@code --username} and
 * {@code --password}. The token is never logged; neither is the response that carries it.
 */
final class UaaTokens implements Authorization {

    /** bosh-cli's wording, kept so that messages read like the original's. */
    private static final String GRANT = "Requesting token via client credentials grant: ";

    private final URI tokenEndpoint;
    private final String basicClientAuth;
    private final HttpTransport transport;
    private String cached;
    /** The failure of the last request for a token, while no newer one succeeded. */
    private IOException failed;
    /** How many token requests have ended; read before waiting for the lock, to see one that ended meanwhile. */
    private volatile long requestsEnded;

    UaaTokens(String uaaUrl, String client, String secret, HttpTransport transport) {
        this.tokenEndpoint = uaaTokenEndpoint(uaaUrl);
        this.basicClientAuth = "Basic " + Base64.getEncoder()
                .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.transport = transport;
    }

    /**
     * Callers that waited while another thread asked the UAA share that answer, token or failure, instead of asking
     * again: discovery sends its first Director requests at once, and an answer (a 503, say) is final (§3.3).
     */
    @Override
    public String header(boolean fresh) throws IOException {
        long seen = requestsEnded;
        synchronized (this) {
            if (requestsEnded != seen) {
                if (failed != null) {
                    throw failed;
                }
                return cached;
            }
            if (cached == null || fresh) {
                try {
                    cached = requestToken();
                    failed = null;
                } catch (IOException e) {
                    cached = null;
                    failed = e;
                    throw e;
                } finally {
                    requestsEnded++;
                }
            }
            return cached;
        }
    }

    /**
     * Every failure names the token URL, like a transport error does: a UAA that is down surfaces inside a Director
     * request, and the operator must see that it is the UAA, and which one, that failed.
     */
    private String requestToken() throws IOException {
        HttpTransport.Response response;
        try {
            response = transport.send("POST", tokenEndpoint, Map.of(
                    "Accept", "application/json",
                    "Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", basicClientAuth), "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                    false);
        } catch (IOException e) {
            throw new IOException(GRANT + e.getMessage(), e); // "Performing request POST 'URL': ..."
        }
        String where = "Performing request POST '" + tokenEndpoint + "': ";
        if (response.status() != 200) {
            throw new UaaStatusException(GRANT + where + "UAA responded with non-successful status code '"
                    + response.status() + "' response '" + response.body() + "'");
        }
        try {
            JsonObject token = JsonParser.parseString(response.body()).getAsJsonObject();
            return token.get("token_type").getAsString() + " " + token.get("access_token").getAsString();
        } catch (RuntimeException e) {
            throw new UaaStatusException(GRANT + where + "UAA's answer has no token", e);
        }
    }

    /** UAA's URL from {@code /info}: scheme ignored (always https), default port 443, path kept. */
    static URI uaaTokenEndpoint(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("invalid UAA URL - Expected non-empty UAA URL");
        }
        String rest = url.contains("://") ? url.substring(url.indexOf("://") + 3) : url;
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash).replaceAll("/+$", "");
        boolean hasPort = authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
        return URI.create("https://" + authority + (hasPort ? "" : ":443") + path + "/oauth/token");
    }
}
