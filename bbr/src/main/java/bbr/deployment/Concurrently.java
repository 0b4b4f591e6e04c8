package bbr.deployment;

import bbr.concurrent.Daemons;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a step to many inputs at once and waits for all of them, so one slow VM or Director task does not
 * serialise discovery; the first failure is rethrown only after every step has finished, so nothing set up is
 * left running unseen.
 */
final class Concurrently {

    /** One step that may fail. */
    interface Step<I, O> {
        O apply(I input) throws Exception;
    }

    private Concurrently() {
    }

    static <I, O> List<O> map(List<I> inputs, int width, Step<I, O> step) throws Exception {
        if (inputs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(width, inputs.size()),
                Daemons.named("bbr-discovery"));
        try {
            List<Future<O>> futures = new ArrayList<>();
            for (I input : inputs) {
                futures.add(pool.submit(() -> step.apply(input)));
            }
            List<O> results = new ArrayList<>();
            Exception first = null;
            for (Future<O> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    results.add(null);
                    if (first == null) {
                        first = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
