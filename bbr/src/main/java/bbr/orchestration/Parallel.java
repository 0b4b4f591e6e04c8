package bbr.orchestration;

import bbr.log.Failures;
import bbr.concurrent.Daemons;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs independent tasks with a bounded number in flight and collects every failure, never just the first. */
final class Parallel {

    /** The original's hard-coded width for scripts, drains and uploads. */
    static final int DEFAULT_WIDTH = 10;

    /** One unit of work that fails by throwing a {@link BbrError}. */
    interface Task {
        void run() throws BbrError;
    }

    private Parallel() {
    }

    static List<BbrError> run(int width, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        if (width == 1 || tasks.size() == 1) {
            return serially(tasks);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(width, tasks.size()),
                Daemons.named("bbr-worker"));
        try {
            List<Future<BbrError>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> attempt(task)));
            }
            List<BbrError> errors = new ArrayList<>();
            for (Future<BbrError> future : futures) {
                BbrError error = future.get();
                if (error != null) {
                    errors.add(error);
                }
            }
            return errors;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(new BbrError(ErrorKind.GENERAL, "interrupted", e));
        } catch (ExecutionException e) {
            return List.of(new BbrError(ErrorKind.GENERAL, "unexpected failure: " + Failures.describe(e.getCause()),
                    e.getCause()));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs {@code check} on every item at once (bounded by {@code width}) and returns the errors it found, in the
     * order of the items rather than of the answers, so that messages do not depend on which VM answered first.
     */
    static <T> List<BbrError> inOrder(int width, List<T> items, Function<T, BbrError> check) {
        BbrError[] found = new BbrError[items.size()];
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            tasks.add(() -> found[index] = check.apply(items.get(index)));
        }
        List<BbrError> errors = new ArrayList<>(run(width, tasks)); // only a check that throws ends up here
        for (BbrError error : found) {
            if (error != null) {
                errors.add(error);
            }
        }
        return errors;
    }

    static List<BbrError> serially(List<Task> tasks) {
        List<BbrError> errors = new ArrayList<>();
        for (Task task : tasks) {
            BbrError error = attempt(task);
            if (error != null) {
                errors.add(error);
            }
        }
        return errors;
    }

    private static BbrError attempt(Task task) {
        try {
            task.run();
            return null;
        } catch (BbrError e) {
            return e;
        } catch (RuntimeException e) {
            return new BbrError(ErrorKind.GENERAL, "unexpected failure: " + Failures.describe(e), e);
        }
    }
}
