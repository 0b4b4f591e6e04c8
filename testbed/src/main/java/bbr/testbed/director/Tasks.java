package bbr.testbed.director;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The Director's task queue: every task waits {@code queued}, then its work runs while it is processing, and it
 * ends no sooner than {@code processing} after it started, so that clients see each state (§6.3).
 */
final class Tasks implements AutoCloseable {

    /** A task's work: returns the result log, or throws {@link TaskFailure}. */
    interface Work {
        String run(Optional<TaskFault> fault);
    }

    private static final long HOLD_CHECK_MILLIS = 10;

    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicLong nextId;
    private final Faults faults;
    private final Duration queued;
    private final Duration processing;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "director-task-worker");
        thread.setDaemon(true);
        return thread;
    });

    Tasks(Faults faults, long firstId, Duration queued, Duration processing, Duration timeout) {
        this.faults = faults;
        this.nextId = new AtomicLong(firstId);
        this.queued = queued;
        this.processing = processing;
        this.timeout = timeout;
    }

    Task start(TaskKind kind, String description, String user, String deployment, Work work) {
        Task task = new Task(nextId.getAndIncrement(), kind, description, user, deployment, timeout, clock);
        tasks.put(task.id, task);
        Optional<TaskFault> fault = faults.takeTaskFault(kind);
        workers.schedule(() -> process(task, work, fault), queued.toMillis(), TimeUnit.MILLISECONDS);
        return task;
    }

    Optional<Task> find(String id) {
        try {
            return Optional.ofNullable(tasks.get(Long.parseLong(id)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The finished tasks, by id. */
    List<TaskSpan> spans() {
        return tasks.values().stream().map(Task::span).flatMap(Optional::stream)
                .sorted(Comparator.comparingLong(TaskSpan::id)).toList();
    }

    private void process(Task task, Work work, Optional<TaskFault> fault) {
        task.startProcessing();
        long started = System.nanoTime();
        Runnable finish;
        try {
            finish = outcome(task, work, fault);
        } catch (TaskFailure failure) {
            finish = () -> task.finish("error", failure.getMessage(), "", errorEvent(failure.code(),
                    failure.getMessage()));
        } catch (RuntimeException e) {
            finish = () -> task.finish("error", e.toString(), "", errorEvent(TaskFailure.GENERIC_CODE, e.toString()));
        }
        Duration planned = fault.map(TaskFault::processing).filter(d -> d != null).orElse(processing);
        long remaining = planned.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        BooleanSupplier until = fault.map(TaskFault::holdUntil).orElse(null);
        Runnable end = finish;
        workers.schedule(() -> finishWhen(task, end, until), Math.max(0, remaining), TimeUnit.MILLISECONDS);
    }

    /** Ends the task once {@code until} holds (null: at once); a task that timed out meanwhile stays timed out. */
    private void finishWhen(Task task, Runnable finish, BooleanSupplier until) {
        if (until == null || until.getAsBoolean()) {
            finish.run();
        } else if (!task.isFinished()) {
            workers.schedule(() -> finishWhen(task, finish, until), HOLD_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private Runnable outcome(Task task, Work work, Optional<TaskFault> fault) {
        boolean plainEnd = fault.map(f -> f.endState() != null && f.instancesBeforeFailure() == TaskFault.NO_PARTIAL)
                .orElse(false);
        if (plainEnd) {
            // The task fails before its work reaches any VM.
            TaskFault f = fault.get();
            String event = f.endState().equals("error") ? errorEvent(TaskFailure.GENERIC_CODE, f.message()) : "";
            return () -> task.finish(f.endState(), f.message(), "", event);
        }
        String output = work.run(fault);
        String rewritten = fault.map(TaskFault::resultRewrite).filter(r -> r != null).map(r -> r.apply(output))
                .orElse(output);
        return () -> task.finish("done", null, rewritten, "");
    }

    /** One line of a task's event log recording its failure (DIR event_log.rb log_error). */
    private String errorEvent(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("time", Instant.now(clock).getEpochSecond());
        event.put("error", error);
        return Json.write(event) + "\n";
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
