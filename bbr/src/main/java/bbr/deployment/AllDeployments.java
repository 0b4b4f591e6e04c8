package bbr.deployment;

import bbr.log.Failures;
import bbr.concurrent.Daemons;
import bbr.orchestration.BbrError;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --all-deployments}: one workflow per deployment of the Director, at most ten at once as the original
 * runs them. Each run is independent (its own Director client, instances and log); one failing stops no other.
 */
public final class AllDeployments {

    /** The original's limit on deployments handled at the same time. */
    public static final int WIDTH = 10;

    /** One deployment's whole run. */
    public interface Run {
        Outcome run(String deployment);
    }

    /** How one deployment's run ended. */
    public record Result(String deployment, Outcome outcome) {
        public boolean failed() {
            return outcome.failed();
        }
    }

    private AllDeployments() {
    }

    /** Runs {@code run} for every deployment and returns the results in the order of {@code deployments}. */
    public static List<Result> run(List<String> deployments, int width, Run run) {
        if (deployments.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(width, deployments.size()),
                Daemons.named("bbr-deployment"));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String deployment : deployments) {
                futures.add(pool.submit(() -> attempt(run, deployment)));
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < deployments.size(); i++) {
                results.add(new Result(deployments.get(i), outcomeOf(futures.get(i))));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome attempt(Run run, String deployment) {
        try {
            return run.run(deployment);
        } catch (RuntimeException e) {
            return failure(new BbrError(ErrorKind.GENERAL, "unexpected failure: " + Failures.describe(e), e));
        }
    }

    private static Outcome outcomeOf(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(new BbrError(ErrorKind.GENERAL, "interrupted", e));
        } catch (ExecutionException e) {
            return failure(new BbrError(ErrorKind.GENERAL, "unexpected failure: "
                    + Failures.describe(e.getCause()), e.getCause()));
        }
    }

    private static Outcome failure(BbrError error) {
        Outcome outcome = new Outcome();
        outcome.add(error);
        return outcome;
    }
}
