package bbr.testbed.director;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * One HTTPS port (HTTP/1.1, TLS 1.2 and 1.3) whose every request goes through the faults, then the handler, and
 * into the request log. Many threads: bbr runs up to 10 deployments at once (director-api.md §1.5).
 */
final class HttpsListener implements AutoCloseable {

    private final HttpsServer server;
    private final ExecutorService threads;

    private HttpsListener(HttpsServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static HttpsListener start(InetSocketAddress address, SSLContext tls, RecordedRequest.Server kind,
            Faults faults, RequestLog log, Function<Request, Response> handler) {
        // The JDK's server leaves Nagle's algorithm on (read once, when its first server starts): over a kept-alive
        // connection each answer then waited some 40 ms for the client's delayed ACK, which no Director's nginx costs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpsServer server = HttpsServer.create(address, 64);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    params.setSSLParameters(parameters);
                }
            });
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "director-simulator-" + kind.name().toLowerCase());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            server.createContext("/", exchange -> serve(exchange, kind, faults, log, handler));
            server.start();
            return new HttpsListener(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    private static void serve(HttpExchange exchange, RecordedRequest.Server kind, Faults faults, RequestLog log,
            Function<Request, Response> handler) throws IOException {
        try (exchange) {
            Request request = read(exchange);
            Response response;
            try {
                response = faults.answer(kind, request).orElseGet(() -> handler.apply(request));
            } catch (RuntimeException e) {
                // A non-DirectorError exception: Sinatra answers 500 with an empty body (§6.2).
                response = Response.empty(500);
            }
            log.add(new RecordedRequest(Instant.now(), kind, request.method(), request.path(), request.query(),
                    AuthKind.of(request.header("Authorization")), response.dropped() ? 0 : response.status(),
                    request.bodyText()));
            if (response.dropped()) {
                return; // closing an exchange before its headers are sent closes the connection
            }
            send(exchange, response);
        }
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = response.status() == 204 || response.status() == 304
                || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length == 0 ? -1
                : response.body().length);
        if (!noBody && response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
