package bbr.testbed.director;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Director task and its two logs (event and result), moving queued → processing → done or error as a
 * {@code Delayed::Job} worker would (DIR {@code api/task_manager.rb}, director-api.md §6.3).
 */
final class Task {

    final long id;
    final TaskKind kind;
    private final String description;
    private final String user;
    private final String deployment;
    private final Duration timeout;
    private final Clock clock;
    private final Instant createdAt;
    private String state = "queued";
    private Instant startedAt;
    private Instant finishedAt;
    private String result;
    private String resultOutput = "";
    private String eventOutput = "";

    Task(long id, TaskKind kind, String description, String user, String deployment, Duration timeout, Clock clock) {
        this.id = id;
        this.kind = kind;
        this.description = description;
        this.user = user;
        this.deployment = deployment;
        this.timeout = timeout;
        this.clock = clock;
        this.createdAt = clock.instant();
    }

    synchronized void startProcessing() {
        state = "processing";
        startedAt = clock.instant();
    }

    synchronized void finish(String endState, String resultText, String resultLog, String eventLog) {
        if (isFinished()) {
            return;
        }
        state = endState;
        result = resultText;
        resultOutput = resultLog;
        eventOutput = eventLog;
        finishedAt = clock.instant();
    }

    synchronized String state() {
        expireIfStale();
        return state;
    }

    synchronized boolean isFinished() {
        return !state.equals("queued") && !state.equals("processing") && !state.equals("cancelling");
    }

    /** From its creation to its end; empty while it runs. */
    synchronized Optional<TaskSpan> span() {
        return finishedAt == null ? Optional.empty()
                : Optional.of(new TaskSpan(id, kind, createdAt, finishedAt));
    }

    synchronized String resultOutput() {
        return resultOutput;
    }

    synchronized String eventOutput() {
        return eventOutput;
    }

    /** The task as {@code GET /tasks/ID} shows it; {@code timestamp} stays null until the task ends. */
    synchronized Map<String, Object> toJson() {
        expireIfStale();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("state", state);
        json.put("description", description);
        json.put("timestamp", finishedAt == null ? null : finishedAt.getEpochSecond());
        json.put("started_at", startedAt == null ? null : startedAt.getEpochSecond());
        json.put("result", result);
        json.put("user", user);
        json.put("deployment", deployment);
        json.put("context_id", "");
        return json;
    }

    // A real Director marks a task 'timeout' lazily, when it is read while processing with no checkpoint for
    // 6 x task_checkpoint_interval (tasks_controller.rb task_timeout?).
    private void expireIfStale() {
        if (state.equals("processing") && Duration.between(startedAt, clock.instant()).compareTo(timeout) > 0) {
            state = "timeout";
            finishedAt = clock.instant();
        }
    }

    @Override
    public synchronized String toString() {
        return "task " + id + " (" + kind + ", " + state + ")";
    }
}
