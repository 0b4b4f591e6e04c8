package bbr.cli;

import bbr.deployment.AllDeployments;
import bbr.log.Logger;
import bbr.log.Redactor;
import bbr.orchestration.BbrError;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Predicate;

/**
 * The console side of {@code --all-deployments}: lists the Director's deployments, runs one step per deployment
 * (ten at once), prints the original's timestamped lines and summary, and reports failures on stderr. Any
 * failure exits 1, whatever its kind, as the original does.
 */
final class AllDeploymentsRun {

    /** One deployment's part: runs its workflow and prints its own console lines. */
    interface Step {
        Outcome run(String deployment);
    }

    private final AllDeploymentsTarget target;
    private final CliContext context;
    private final Redactor redactor;
    private final AllDeploymentsWording wording;

    AllDeploymentsRun(AllDeploymentsTarget target, CliContext context, Redactor redactor,
                      AllDeploymentsWording wording) {
        this.target = target;
        this.context = context;
        this.redactor = redactor;
        this.wording = wording;
    }

    /**
     * @param logger         the console log, for listing the deployments (only DEBUG lines come from it)
     * @param advisesCleanup which failed outcomes earn the "run --all-deployments backup-cleanup" advice
     */
    int run(Logger logger, Step step, Predicate<Outcome> advisesCleanup) {
        if (wording.opening != null) {
            context.screen().println(wording.opening);
        }
        List<String> deployments;
        try {
            deployments = target.deploymentNames(logger);
        } catch (IOException e) {
            return fail(new BbrError(ErrorKind.GENERAL, e.getMessage(), e));
        }
        if (deployments.isEmpty()) {
            return fail(new BbrError(ErrorKind.GENERAL, "Failed to find any deployments"));
        }
        AllDeploymentsReport.pending(deployments).forEach(this::stamped);
        List<AllDeployments.Result> results = AllDeployments.run(deployments, AllDeployments.WIDTH, step::run);
        AllDeploymentsReport.summary(wording, results).forEach(this::stamped);
        List<AllDeployments.Result> failed = results.stream().filter(AllDeployments.Result::failed).toList();
        if (failed.isEmpty()) {
            return 0;
        }
        boolean advise = failed.stream().anyMatch(result -> advisesCleanup.test(result.outcome()));
        if (context.terminal().json() != null) {
            failed.forEach(result -> result.outcome().errors().forEach(error -> context.terminal().json().error(
                    redactor.redact(error.getMessage()), 1, result.deployment(),
                    advise ? AllDeploymentsReport.ADVICE : null)));
        }
        context.terminal().err().print(redactor.redact(AllDeploymentsReport.errors(wording, results,
                advise ? AllDeploymentsReport.ADVICE : null)));
        ErrorReport.writeStackTraces(failed.stream().flatMap(result -> result.outcome().errors().stream()).toList(),
                context.terminal(), context.clock(), redactor);
        return 1;
    }

    AllDeploymentsWording wording() {
        return wording;
    }

    /** Prints {@code [HH:MM:SS] text}; the stamp goes on the first line of a block. */
    void stamped(String text) {
        context.screen().println(AllDeploymentsReport.stamped(ZonedDateTime.now(context.clock()), text));
    }

    /** Prints text as it is, in one piece. */
    void plain(String text) {
        context.screen().println(text);
    }

    private int fail(BbrError error) {
        Outcome outcome = new Outcome();
        outcome.add(error);
        ErrorReport.report(outcome, context.terminal(), context.clock(), redactor, null);
        return 1;
    }
}
