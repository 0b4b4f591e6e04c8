package bbr.testbed.director;

import java.util.Objects;

/**
 * A fault on matching requests, answered before authentication and routing (like a proxy or a crashing Director
 * would): {@code HttpFault.on("GET", "/tasks/*").afterSkipping(1).times(2).respond(503)}.
 */
public final class HttpFault {

    private final PathPattern pattern;
    private int skip;
    private int times = 1;
    private int status = 500;
    private String body;
    private boolean drop;

    private HttpFault(PathPattern pattern) {
        this.pattern = pattern;
    }

    /** Requests with this method ("*" for any) and path glob (see {@link RequestLog#matching}). */
    public static HttpFault on(String method, String pathGlob) {
        return new HttpFault(PathPattern.of(method, pathGlob));
    }

    /** Lets the first {@code n} matching requests through: to fail the second poll of a task, say. */
    public HttpFault afterSkipping(int n) {
        this.skip = n;
        return this;
    }

    /** How many matching requests fail, then the endpoint recovers; {@link Integer#MAX_VALUE} for ever. */
    public HttpFault times(int n) {
        this.times = n;
        return this;
    }

    /**
     * Answers this status with the body the real server would send: 401 the Director's "Not authorized" text
     * (UAA's JSON on the UAA), 404 "Endpoint ... not found.", 500 nothing (a crash, §6.2), 502-504 nginx's page.
     */
    public HttpFault respond(int status) {
        this.status = status;
        return this;
    }

    public HttpFault respond(int status, String body) {
        this.status = status;
        this.body = Objects.requireNonNull(body);
        return this;
    }

    /** Closes the connection without answering: a transport error, which bosh-cli retries even for POST (§2.6). */
    public HttpFault dropConnection() {
        this.drop = true;
        return this;
    }

    /** Whether this fault takes the request, counting it; called under the registry's lock. */
    boolean claims(Request request) {
        if (times <= 0 || !pattern.matches(request.method(), request.path(), request.query())) {
            return false;
        }
        if (skip > 0) {
            skip--;
            return false;
        }
        if (times != Integer.MAX_VALUE) {
            times--;
        }
        return true;
    }

    Response response(RecordedRequest.Server server, Request request) {
        if (drop) {
            return Response.drop();
        }
        if (body != null) {
            return Response.text(status, body);
        }
        return switch (status) {
            case 401 -> server == RecordedRequest.Server.UAA ? UaaErrors.badCredentials()
                    : DirectorErrors.notAuthorized(request.path());
            case 404 -> DirectorErrors.endpointNotFound(request.path());
            case 502, 503, 504 -> nginxPage(status);
            default -> Response.empty(status);
        };
    }

    private static Response nginxPage(int status) {
        String title = status + " " + switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            default -> "Gateway Time-out";
        };
        return Response.of(status, "text/html", "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n"
                + "<center><h1>" + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    @Override
    public String toString() {
        return pattern + (drop ? " -> drop" : " -> " + status) + " x" + times;
    }
}
