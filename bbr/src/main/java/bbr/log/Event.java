package bbr.log;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step of a run that a machine may want to follow, with the log line a person reads for it: the text printers
 * show {@link #message()} as any log line, the JSON printer shows the type and the fields too.
 *
 * @param type    what happened, e.g. {@code step.start}, {@code job.finish} (see docs/json-output.md)
 * @param fields  the parts of it by name (step, job, instance), in order
 */
public record Event(String type, Level level, String message, Map<String, Object> fields) {

    public Event {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A stage of scripts (pre-backup-lock, backup, …) starts or finishes across the deployment. */
    public static Event step(String type, String step, String message) {
        return new Event(type, Level.INFO, message, Map.of("step", step));
    }

    /** One job's script of a stage starts, finishes or fails on one instance. */
    public static Event job(String type, Level level, String step, String job, String instance, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", step);
        fields.put("job", job);
        fields.put("instance", instance);
        return new Event(type, level, message, fields);
    }
}
