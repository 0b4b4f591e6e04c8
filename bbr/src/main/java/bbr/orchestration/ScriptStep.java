package bbr.orchestration;

import bbr.instance.Job;
import bbr.log.Event;
import bbr.log.Level;
import bbr.log.Logger;
import bbr.remote.BoundedBuffer;
import bbr.remote.CommandResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one stage's script for each job, batch by batch, in parallel or one at a time. */
final class ScriptStep {

    private final Logger logger;
    private final Cancellation cancellation;

    ScriptStep(Logger logger, Cancellation cancellation) {
        this.logger = logger;
        this.cancellation = cancellation;
    }

    /**
     * Runs {@code stage} over the batches. Every batch runs even if an earlier one failed when {@code keepGoing}
     * (unlocks must reach every job); otherwise the first failing batch stops the stage.
     */
    List<BbrError> run(Stage stage, List<List<Job>> batches, int width, boolean keepGoing, Map<String, String> env) {
        return run(stage, batches, width, keepGoing, env, null);
    }

    /** {@link #run}, each job's script run as a task of {@code finishing}, which may then finish its instance. */
    List<BbrError> run(Stage stage, List<List<Job>> batches, int width, boolean keepGoing, Map<String, String> env,
                       Finishing finishing) {
        logger.event(Event.step("step.start", stage.script.toString(), stage.header()));
        List<BbrError> errors = new java.util.ArrayList<>();
        for (List<Job> batch : batches) {
            List<Parallel.Task> tasks = batch.stream()
                    .filter(job -> job.has(stage.script))
                    .map(job -> {
                        Parallel.Task script = () -> runOne(stage, job, env);
                        return finishing == null ? script : finishing.after(job, script);
                    })
                    .toList();
            errors.addAll(Parallel.run(width, tasks));
            if (!errors.isEmpty() && !keepGoing) {
                break;
            }
        }
        logger.event(Event.step("step.finish", stage.script.toString(), stage.footer()));
        return errors;
    }

    void runOne(Stage stage, Job job, Map<String, String> env) throws BbrError {
        if (!stage.releasesLocks()) {
            cancellation.check(stage.script + " of " + job);
        }
        Map<String, String> environment = new LinkedHashMap<>(env);
        if (stage == Stage.BACKUP || stage == Stage.RESTORE) {
            String directory = (stage == Stage.BACKUP ? job.backupArtifact() : job.restoreArtifact())
                    .remoteDirectory();
            environment.put("BBR_ARTIFACT_DIRECTORY", directory);
            environment.put("ARTIFACT_DIRECTORY", directory);
        }
        logger.event(jobEvent("job.start", Level.INFO, stage, job, stage.starting));
        BoundedBuffer stdout = new BoundedBuffer(CommandResult.MAX_CAPTURED_BYTES);
        CommandResult result;
        try {
            if (stage == Stage.BACKUP) {
                job.instance().shell().makeDirectory(job.backupArtifact().remoteDirectory());
                job.instance().markArtifactRootCreated();
            }
            result = job.instance().shell().runScript(job.scriptPath(stage.script), environment, stdout);
        } catch (IOException e) {
            logger.event(jobEvent("job.fail", Level.ERROR, stage, job, stage.failed));
            throw new BbrError(stage.errorKind, failure(stage, job) + e.getMessage(), e);
        }
        logger.debug("stdout: %s", stdout.toString().strip());
        if (!result.succeeded()) {
            logger.event(jobEvent("job.fail", Level.ERROR, stage, job, stage.failed));
            throw new BbrError(stage.errorKind,
                    failure(stage, job) + result.stderr().strip() + " - exit code " + result.exitStatus());
        }
        logger.event(jobEvent("job.finish", Level.INFO, stage, job, stage.finished));
    }

    private static Event jobEvent(String type, Level level, Stage stage, Job job, String format) {
        return Event.job(type, level, stage.script.toString(), job.name(), job.instance().label(),
                String.format(format, job.name(), job.instance().label()));
    }

    private static String failure(Stage stage, Job job) {
        return "Error attempting to run " + stage.script + " for job " + job.name() + " on "
                + job.instance().label() + ": ";
    }
}
