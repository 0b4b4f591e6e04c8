package bbr.testbed.director;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The JDK's HTTP client trusting the simulator's CA only, as bbr does with {@code --ca-cert}; no redirects followed. */
final class SimulatorClient {

    private final DirectorSimulator director;
    private final HttpClient http;

    SimulatorClient(DirectorSimulator director) {
        this.director = director;
        this.http = HttpClient.newBuilder().sslContext(director.ca().clientContext())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String pathOrUrl, String authorization, String... headers) {
        HttpRequest.Builder request = request(pathOrUrl, authorization, headers).GET();
        return send(request.build());
    }

    HttpResponse<String> post(String pathOrUrl, String authorization, String contentType, String body) {
        return send(request(pathOrUrl, authorization, "Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A client-credentials grant as bosh-cli sends it (director-api.md §3.3); returns "bearer TOKEN". */
    String bearer() {
        HttpResponse<String> response = post(director.uaaUrl().orElseThrow() + "/oauth/token",
                basic(director.auth().username(), director.auth().password()), "application/x-www-form-urlencoded",
                "grant_type=client_credentials");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token: " + response.statusCode() + " " + response.body());
        }
        Map<String, Object> token = Json.parseObject(response.body());
        return token.get("token_type") + " " + token.get("access_token");
    }

    /** The states a task went through until it ended, polled every 20 ms. */
    List<String> pollUntilFinished(long taskId, String authorization) throws InterruptedException {
        List<String> states = new ArrayList<>();
        while (true) {
            String state = (String) Json.parseObject(get("/tasks/" + taskId, authorization).body()).get("state");
            if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                states.add(state);
            }
            if (!state.equals("queued") && !state.equals("processing")) {
                return states;
            }
            Thread.sleep(20);
        }
    }

    /** The task id a 302 to /tasks/ID names. */
    static long taskId(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private HttpRequest.Builder request(String pathOrUrl, String authorization, String... headers) {
        String url = pathOrUrl.startsWith("https://") ? pathOrUrl : director.url() + pathOrUrl;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
