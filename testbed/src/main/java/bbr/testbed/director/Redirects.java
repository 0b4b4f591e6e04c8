package bbr.testbed.director;

import java.util.function.Supplier;

/**
 * The redirect to a new task. Sinatra's {@code redirect} makes an absolute URL from the request's Host header,
 * and answers 302 (a real Director's nginx speaks HTTP/1.0 to it, even for POST), director-api.md §2.5.
 */
final class Redirects {

    private final int status;
    private final boolean relative;
    private final Supplier<String> fallbackHost;

    Redirects(int status, boolean relative, Supplier<String> fallbackHost) {
        this.status = status;
        this.relative = relative;
        this.fallbackHost = fallbackHost;
    }

    Response toTask(Request request, Task task) {
        String path = "/tasks/" + task.id;
        String host = request.header("Host");
        String location = relative ? path : "https://" + (host == null ? fallbackHost.get() : host) + path;
        return Response.text(status, "").withHeader("Location", location);
    }
}
