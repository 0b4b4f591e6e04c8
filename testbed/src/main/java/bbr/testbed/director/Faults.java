package bbr.testbed.director;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Faults on demand: HTTP answers on matching requests, and per-task misbehaviour. Each task fault applies to the
 * next task of its kind, one fault per task, in the order they were added.
 */
public final class Faults {

    private final List<HttpFault> httpFaults = new ArrayList<>();
    private final Map<TaskKind, Queue<TaskFault>> taskFaults = new EnumMap<>(TaskKind.class);
    private final Runnable tokenRevoker;

    Faults(Runnable tokenRevoker) {
        this.tokenRevoker = tokenRevoker;
    }

    /** Answers {@code status} to the next {@code times} matching requests, then the endpoint recovers. */
    public Faults failNext(String method, String pathGlob, int status, int times) {
        return add(HttpFault.on(method, pathGlob).times(times).respond(status));
    }

    /** Closes the connection of the next {@code times} matching requests without an answer. */
    public Faults dropNext(String method, String pathGlob, int times) {
        return add(HttpFault.on(method, pathGlob).times(times).dropConnection());
    }

    public synchronized Faults add(HttpFault fault) {
        httpFaults.add(fault);
        return this;
    }

    /** The next task of this kind ends in state {@code error}, with {@code message} as its result (§6.3). */
    public Faults failNextTask(TaskKind kind, String message) {
        return addTask(kind, TaskFault.endIn("error", message));
    }

    /** The next task of this kind ends in another state: "cancelled", "timeout" or anything else. */
    public Faults endNextTask(TaskKind kind, String state, String message) {
        return addTask(kind, TaskFault.endIn(state, message));
    }

    /** The next task of this kind stays processing this long (bbr polls every 500 ms, with no timeout). */
    public Faults slowNextTask(TaskKind kind, Duration processing) {
        return addTask(kind, TaskFault.slow(processing));
    }

    /**
     * The next task of this kind stays processing, its work done, until {@code condition} holds (or the task times
     * out): for tests of what a client does while a task runs, e.g. "the SSH setup is asked for during the listing".
     */
    public Faults holdNextTaskUntil(TaskKind kind, BooleanSupplier condition) {
        return addTask(kind, TaskFault.holdUntil(condition));
    }

    /**
     * The next SSH setup creates the user on the first {@code instances} targeted instances, then fails on the
     * next one: a real Director calls the agents one by one and stops at the first error, leaving the users it
     * made (DIR {@code jobs/ssh.rb}), and the task ends in {@code error}.
     */
    public Faults failNextSshSetupAfter(int instances, String message) {
        return addTask(TaskKind.SSH_SETUP, TaskFault.partialSshSetup(instances, message));
    }

    /** Rewrites the next result of this kind: a VM line without index, an SSH status "failure", "[]" ... */
    public Faults rewriteNextResult(TaskKind kind, UnaryOperator<String> rewrite) {
        return addTask(kind, TaskFault.rewrite(rewrite));
    }

    /** Makes every UAA token issued so far invalid (a UAA key rotation): the Director answers 401 to them. */
    public Faults revokeTokens() {
        tokenRevoker.run();
        return this;
    }

    /** Forgets every fault not yet triggered. */
    public synchronized void clear() {
        httpFaults.clear();
        taskFaults.clear();
    }

    synchronized Optional<Response> answer(RecordedRequest.Server server, Request request) {
        for (HttpFault fault : httpFaults) {
            if (fault.claims(request)) {
                return Optional.of(fault.response(server, request));
            }
        }
        return Optional.empty();
    }

    synchronized Optional<TaskFault> takeTaskFault(TaskKind kind) {
        Queue<TaskFault> queue = taskFaults.get(kind);
        return Optional.ofNullable(queue == null ? null : queue.poll());
    }

    private synchronized Faults addTask(TaskKind kind, TaskFault fault) {
        taskFaults.computeIfAbsent(kind, k -> new ArrayDeque<>()).add(fault);
        return this;
    }
}
