package bbr.director;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Authenticated requests to the Director with bosh-cli's semantics (director-api.md §2.5–2.7): redirects
 * followed as GETs to the configured host with fresh auth, one re-send after a 401, up to five attempts on
 * transport errors (any method) and on 502/503/504 when the final request was a GET.
 */
final class DirectorHttp {

    private static final Set<Integer> SUCCESS = Set.of(200, 201, 204, 206, 302);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);
    private static final int ATTEMPTS = 5;
    private static final long RETRY_DELAY_MILLIS = 500;
    private static final int MAX_HOPS = 10;

    private final DirectorUrl director;
    private final HttpTransport transport;
    private final Authorization authorization;

    DirectorHttp(DirectorUrl director, HttpTransport transport, Authorization authorization) {
        this.director = director;
        this.transport = transport;
        this.authorization = authorization;
    }

    HttpTransport.Response get(String path) throws IOException {
        return send("GET", path, null, null);
    }

    HttpTransport.Response postJson(String path, String json) throws IOException {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** {@code GET /info} goes without credentials. */
    HttpTransport.Response getWithoutAuth(String path) throws IOException {
        return withRetries(() -> checked(new Final(transport.send("GET", director.resolve(path), Map.of(), null,
                true), "GET")));
    }

    private HttpTransport.Response send(String method, String path, byte[] body, String contentType)
            throws IOException {
        return withRetries(() -> checked(chain(method, path, body, contentType)));
    }

    /** The last response of a redirect chain and the method that fetched it. */
    private record Final(HttpTransport.Response response, String method) {
    }

    /** The request and the redirects it leads to. */
    private Final chain(String method, String path, byte[] body, String contentType)
            throws IOException {
        HttpTransport.Response response = once(method, path, body, contentType, body != null);
        String currentMethod = method;
        for (int hop = 0; REDIRECTS.contains(response.status()) && response.location() != null; hop++) {
            if (hop >= MAX_HOPS) {
                throw new IOException("Too many redirects");
            }
            URI location = URI.create(response.location());
            String next = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
            currentMethod = "GET";
            response = once(currentMethod, next, null, null, true);
        }
        return new Final(response, currentMethod);
    }

    private HttpTransport.Response once(String method, String path, byte[] body, String contentType, boolean fresh)
            throws IOException {
        HttpTransport.Response response = transport.send(method, director.resolve(path),
                headers(authorization.header(fresh), contentType), body, true);
        if (response.status() == 401) {
            response = transport.send(method, director.resolve(path), headers(authorization.header(true),
                    contentType), body, true);
        }
        return response;
    }

    private static Map<String, String> headers(String auth, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", auth);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private static HttpTransport.Response checked(Final last) throws IOException {
        HttpTransport.Response response = last.response();
        if (RETRYABLE.contains(response.status()) && "GET".equals(last.method())) {
            throw new RetryableStatus(response);
        }
        if (!SUCCESS.contains(response.status())) {
            throw new DirectorStatusException(response.status(), response.body());
        }
        return response;
    }

    private interface Attempt {
        HttpTransport.Response run() throws IOException;
    }

    private static HttpTransport.Response withRetries(Attempt attempt) throws IOException {
        IOException last = null;
        for (int i = 1; i <= ATTEMPTS; i++) {
            try {
                return attempt.run();
            } catch (DirectorStatusException | UaaStatusException e) {
                throw e;
            } catch (RetryableStatus e) {
                last = new DirectorStatusException(e.response.status(), e.response.body());
            } catch (IOException e) {
                last = e;
            }
            sleep();
        }
        throw last;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(RETRY_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry a Director request", e);
        }
    }

    /** A 502/503/504 on a GET, worth another attempt. */
    private static final class RetryableStatus extends IOException {
        private final transient HttpTransport.Response response;

        RetryableStatus(HttpTransport.Response response) {
            super("status " + response.status());
            this.response = response;
        }
    }
}
