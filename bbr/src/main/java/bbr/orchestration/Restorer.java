package bbr.orchestration;

import bbr.artifact.BackupDirectory;
import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.Decoding;
import bbr.instance.Instance;
import bbr.instance.Job;
import bbr.instance.ScriptName;
import bbr.log.Event;
import bbr.log.Logger;
import java.util.List;
import java.util.Map;

/**
 * The restore workflow: validate the local artifact, check the deployment fits it, upload, lock, restore,
 * unlock, cleanup. Lock and restore scripts run one at a time, as the original does.
 *
 * <p>The artifact's bytes are checked against its metadata before any lock: while they are sent, so that they are
 * read once, or, when connecting changes the deployment (deployment mode's temporary users), in a pass of their own
 * that runs while the Director answers and that the first change waits for. Either way the VM's copy is checked too.
 */
public final class Restorer {

    private final InstanceSource source;
    private final Logger logger;
    private final Cancellation cancellation;
    private final ScriptStep scripts;
    private final ArtifactCopier copier;

    public Restorer(InstanceSource source, Logger logger, Cancellation cancellation) {
        this.cancellation = cancellation;
        this.source = source;
        this.logger = logger;
        this.scripts = new ScriptStep(logger, cancellation);
        this.copier = new ArtifactCopier(logger, cancellation);
    }

    /** Restores the backup {@code name} held in {@code place}, reading its files with {@code decoding}. */
    public Outcome restore(ArtifactPlace place, String name, Decoding decoding) {
        Outcome outcome = new Outcome();
        logger.info("Starting restore of %s...", source.name());
        logger.info("Validating backup artifact for %s...", source.name());
        BackupDirectory artifact;
        try {
            // The listing and the stored files' sizes and names are checked here; the contents as they are sent,
            // before any lock: a hash pass of its own would read every byte twice (minutes per 100 GiB).
            artifact = BackupDirectory.open(place, name, decoding);
            ArtifactValidator.checkListed(artifact);
        } catch (BackupDirectory.InvalidArtifactException e) {
            outcome.add(new BbrError(ErrorKind.GENERAL, e.getMessage(), e));
            return outcome;
        } catch (BbrError e) {
            outcome.add(e);
            return outcome;
        }
        try (artifact) {
            Session.run(source, logger, outcome, deployment -> {
                try {
                    List<List<Job>> batches = RestoreChecks.run(deployment, artifact, logger, outcome);
                    if (batches == null) {
                        return;
                    }
                    uploadLockRestoreUnlock(deployment, batches, artifact, outcome);
                } finally {
                    outcome.addAll(deployment.removeArtifactRoots(Instance::artifactRootCreated));
                }
            });
        }
        cancellation.settle(outcome, "restore");
        return outcome;
    }

    private void uploadLockRestoreUnlock(Deployment deployment, List<List<Job>> batches, BackupDirectory artifact,
                                         Outcome outcome) {
        List<Parallel.Task> uploads = deployment.jobsWith(ScriptName.RESTORE).stream()
                .map(job -> (Parallel.Task) () -> copier.upload(job, artifact))
                .toList();
        if (Session.failed(outcome, Parallel.run(Parallel.DEFAULT_WIDTH, uploads))) {
            return;
        }
        if (!Session.failed(outcome, scripts.run(Stage.PRE_RESTORE_LOCK, batches, 1, false, Map.of()))
                && !restore(deployment, outcome)) {
            logger.info("Completed restore of %s", deployment.name());
        }
        // Each instance is finished after its last unlock: its cleanup overlaps the unlocks of the others.
        Finishing finishing = new Finishing(deployment, deployment.jobsWith(ScriptName.POST_RESTORE_UNLOCK));
        outcome.addAll(scripts.run(Stage.POST_RESTORE_UNLOCK, Batches.reversed(batches), 1, true, Map.of(),
                finishing));
        Parallel.run(Parallel.DEFAULT_WIDTH, finishing.idle());
        outcome.addAll(finishing.errors());
    }

    /**
     * Runs restore scripts instance by instance; within an instance every job runs, but a failing instance
     * stops the next one from starting. Returns true when a script failed.
     */
    private boolean restore(Deployment deployment, Outcome outcome) {
        logger.event(Event.step("step.start", Stage.RESTORE.script.toString(), Stage.RESTORE.header()));
        boolean failed = false;
        for (Instance instance : deployment.instances()) {
            List<Parallel.Task> jobs = instance.jobs().stream()
                    .filter(job -> job.has(ScriptName.RESTORE))
                    .map(job -> (Parallel.Task) () -> scripts.runOne(Stage.RESTORE, job, Map.of()))
                    .toList();
            if (Session.failed(outcome, Parallel.serially(jobs))) {
                failed = true;
                break;
            }
        }
        logger.event(Event.step("step.finish", Stage.RESTORE.script.toString(), Stage.RESTORE.footer()));
        return failed;
    }
}
