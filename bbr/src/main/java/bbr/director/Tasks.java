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
    /**
     * bosh-cli polls every 500 ms. bbr's tasks (VM listing, SSH setup and cleanup) are short and each waits on the
     * critical path, so the first half second is polled every 100 ms: a task that takes 0.4 s is seen done at
     * 0.4-0.5 s instead of at 0.7 s with a doubling 100, 200, 400 ms. Then the pause doubles to bosh-cli's 500 ms.
     */
    private static final long FIRST_POLL_MILLIS = 100;
    private static final int FAST_POLLS = 5;
    private static final long MAX_POLL_MILLIS = 500;

    private final DirectorHttp http;

    Tasks(DirectorHttp http) {
        this.http = http;
    }

    /** {@code initial} is the body of the followed redirect, the task as it stood then. */
    String resultOf(HttpTransport.Response initial) throws IOException {
        long id = awaitDone(initial);
        return http.get("/tasks/" + id + "/output?type=result").body();
    }

    /**
     * Waits until the task is done, without fetching its result: for a task whose result bbr does not read (the SSH
     * cleanup), one round trip less after it ended. Returns its id.
     */
    long awaitDone(HttpTransport.Response initial) throws IOException {
        JsonObject task = parse(initial.body());
        long id = task.get("id").getAsLong();
        long pause = FIRST_POLL_MILLIS;
        int polls = 0;
        while (true) {
            task = parse(http.get("/tasks/" + id).body());
            String state = string(task, "state");
            if (state.equals("done")) {
                return id;
            }
            if (!RUNNING.contains(state)) {
                String result = string(task, "result");
                throw new IOException("Expected task '" + id + "' to succeed but state is '" + state + "'"
                        + (result.isEmpty() ? "" : ": " + result));
            }
            try {
                Thread.sleep(pause);
                if (++polls >= FAST_POLLS) {
                    pause = Math.min(MAX_POLL_MILLIS, pause * 2);
                }
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
