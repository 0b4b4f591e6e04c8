package bbr.orchestration;

import bbr.instance.Instance;
import bbr.instance.Job;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finishes each instance ({@link Deployment#finish}) as soon as the last task of a workflow's final step on it has
 * ended, failed or not, so that its cleanup overlaps the other instances' work instead of queueing after all of it
 * (on a real Director each SSH cleanup is a task of its own that takes seconds).
 */
final class Finishing {

    private final Deployment deployment;
    private final Map<Instance, Integer> remaining = new HashMap<>();
    private final List<BbrError> errors = Collections.synchronizedList(new ArrayList<>());

    /** @param jobs the jobs whose tasks in the final step are the last use of their instances */
    Finishing(Deployment deployment, List<Job> jobs) {
        this.deployment = deployment;
        jobs.forEach(job -> remaining.merge(job.instance(), 1, Integer::sum));
    }

    /** {@code task}, then {@code job}'s instance finished if this was its last one. */
    Parallel.Task after(Job job, Parallel.Task task) {
        return () -> {
            try {
                task.run();
            } finally {
                if (lastOf(job.instance())) {
                    finish(job.instance());
                }
            }
        };
    }

    /**
     * One task per instance with none of the jobs, which finishes it: nothing more runs there. The tasks never fail;
     * what fails is in {@link #errors()}.
     */
    synchronized List<Parallel.Task> idle() {
        return deployment.instances().stream().filter(instance -> !remaining.containsKey(instance))
                .map(instance -> (Parallel.Task) () -> finish(instance))
                .toList();
    }

    /** The failures of the cleanups so far (removing the remote artifact root), in the order they happened. */
    List<BbrError> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private synchronized boolean lastOf(Instance instance) {
        return remaining.merge(instance, -1, Integer::sum) == 0;
    }

    private void finish(Instance instance) {
        deployment.finish(instance).ifPresent(errors::add);
    }
}
