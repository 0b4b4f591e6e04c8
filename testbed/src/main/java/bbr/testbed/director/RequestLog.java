package bbr.testbed.director;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every request both listeners answered, in arrival order, for assertions like "one cleanup per instance". */
public final class RequestLog {

    private static final Pattern SECRET_FIELD = Pattern.compile("(client_secret|password)=[^&]*");

    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        Matcher secret = SECRET_FIELD.matcher(request.body());
        String body = secret.replaceAll("$1=[removed]");
        requests.add(new RecordedRequest(request.time(), request.server(), request.method(), request.path(),
                request.query(), request.auth(), request.status(), body));
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    /**
     * The requests whose method and path match: {@code "GET", "/tasks/*"}; a glob with {@code ?} also matches the
     * query ({@code "/deployments/d/vms?format=full"}); {@code **} spans segments; method {@code "*"} is any.
     */
    public List<RecordedRequest> matching(String method, String pathGlob) {
        PathPattern pattern = PathPattern.of(method, pathGlob);
        return all().stream().filter(r -> pattern.matches(r.method(), r.path(), r.query())).toList();
    }

    public int count(String method, String pathGlob) {
        return matching(method, pathGlob).size();
    }

    /** The SSH POST bodies whose command is {@code command} ("setup" or "cleanup"), parsed. */
    public List<Map<String, Object>> sshRequests(String command) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (RecordedRequest r : matching("POST", "/deployments/*/ssh")) {
            try {
                Map<String, Object> body = Json.parseObject(r.body());
                if (command.equals(body.get("command"))) {
                    bodies.add(body);
                }
            } catch (Json.JsonException e) {
                // not an SSH request a Director would have accepted
            }
        }
        return bodies;
    }

    public synchronized void clear() {
        requests.clear();
    }

    @Override
    public synchronized String toString() {
        StringBuilder out = new StringBuilder();
        requests.forEach(r -> out.append(r).append('\n'));
        return out.toString();
    }
}
