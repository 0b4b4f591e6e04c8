package bbr.testbed.director;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /tasks/ID} and {@code GET /tasks/ID/output?type=...} (DIR {@code tasks_controller.rb}, director-api.md
 * §6.3): logs kept in the task record, served whole, or as a single byte range (206), or 416 past their end.
 */
final class TaskEndpoints {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final List<String> READABLE = List.of("event", "result", "debug", "cpi", "none");

    private final Tasks tasks;

    TaskEndpoints(Tasks tasks) {
        this.tasks = tasks;
    }

    Response task(String id) {
        return tasks.find(id).map(t -> Response.json(200, t.toJson())).orElseGet(() -> DirectorErrors.taskNotFound(id));
    }

    Response output(String id, Request request) {
        Task task = tasks.find(id).orElse(null);
        if (task == null) {
            return DirectorErrors.taskNotFound(id);
        }
        String type = request.queryParam("type") == null ? "debug" : request.queryParam("type");
        if (!READABLE.contains(type)) {
            return DirectorErrors.error(401, DirectorErrors.UNAUTHORIZED_TO_ACCESS_DEPLOYMENT, "Unknown type " + type);
        }
        if (!type.equals("event") && !type.equals("result")) {
            return Response.empty(204); // no debug or CPI log is simulated
        }
        String log = type.equals("event") ? task.eventOutput() : task.resultOutput();
        return ranged(log.getBytes(StandardCharsets.UTF_8), request.header("Range"));
    }

    /** Rack::Utils.byte_ranges semantics for one range; several ranges or a bad header get the whole log. */
    private static Response ranged(byte[] log, String rangeHeader) {
        Matcher range = rangeHeader == null ? null : RANGE.matcher(rangeHeader.strip());
        if (range == null || !range.matches() || (range.group(1).isEmpty() && range.group(2).isEmpty())) {
            return Response.of(200, "text/html;charset=utf-8", new String(log, StandardCharsets.UTF_8));
        }
        long size = log.length;
        long first;
        long last;
        if (range.group(1).isEmpty()) {
            first = Math.max(0, size - Long.parseLong(range.group(2)));
            last = size - 1;
        } else {
            first = Long.parseLong(range.group(1));
            last = range.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(range.group(2)));
        }
        if (first >= size || first > last) {
            return Response.text(416, "Byte range unsatisfiable").withHeader("Content-Range", "bytes */" + size);
        }
        byte[] part = Arrays.copyOfRange(log, (int) first, (int) last + 1);
        return new Response(206, Response.empty(206).headers(), part, false)
                .withHeader("Content-Type", "text/html;charset=utf-8")
                .withHeader("Content-Range", "bytes " + first + "-" + last + "/" + size);
    }
}
