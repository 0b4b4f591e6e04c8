package bbr.director;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.Set;

/**
 * Waits for a Director task reached through a redirect and fetches its result (director-api.md §6.3): polls
 * every 500 ms while queued, processing or cancelling. Unlike bosh-cli, a failed task's own error text is kept
 * in the message.
 */
final class Tasks {

    private static final Set<String> RUNNING = Set.of("queued", "processing", "cancelling");
    /** bosh-cli polls every 500 ms; starting faster shaves most of a poll off every short task. */
    private static final long FIRST_POLL_MILLIS = 100;
    private static final long MAX_POLL_MILLIS = 500;

    private final DirectorHttp http;

    Tasks(DirectorHttp http) {
        this.http = http;
    }

    /** {@code initial} is the body of the followed redirect, the task as it stood then. */
    String resultOf(HttpTransport.Response initial) throws IOException {
        JsonObject task = parse(initial.body());
        long id = task.get("id").getAsLong();
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            task = parse(http.get("/tasks/" + id).body());
            String state = string(task, "state");
            if (state.equals("done")) {
                return http.get("/tasks/" + id + "/output?type=result").body();
            }
            if (!RUNNING.contains(state)) {
                String result = string(task, "result");
                throw new IOException("Expected task '" + id + "' to succeed but state is '" + state + "'"
                        + (result.isEmpty() ? "" : ": " + result));
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(MAX_POLL_MILLIS, pause * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for task " + id, e);
            }
        }
    }

    static JsonObject parse(String body) throws IOException {
        try {
            return JsonParser.parseString(body).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("Unmarshaling Director response: '" + body + "'", e);
        }
    }

    static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }
}
