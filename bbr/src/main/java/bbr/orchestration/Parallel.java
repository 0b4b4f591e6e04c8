package bbr.orchestration;

import bbr.log.Failures;
import bbr.concurrent.Daemons;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
