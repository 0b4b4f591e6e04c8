package bbr.orchestration;

import bbr.artifact.BackupDirectory;
import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.Encoding;
import bbr.instance.Job;
import bbr.instance.ScriptName;
import bbr.log.Logger;
import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backup workflow: checks, lock, backup, unlock, drain, cleanup. A failed lock or backup still unlocks
 * (telling the scripts it failed); a failed unlock after a good backup still drains the artifacts.
 */
public final class Backuper {

    /**
     * What to back up into where; {@code artifactTime} names the artifact directory (null: when it is created),
     * so that --all-deployments can give a deployment's log file and artifact the same timestamp.
     */
    public record Request(ArtifactPlace place, Encoding encoding, boolean withManifest, boolean unsafeLockFree,
                          ZonedDateTime artifactTime) {
        public Request(ArtifactPlace place, Encoding encoding, boolean withManifest, boolean unsafeLockFree) {
            this(place, encoding, withManifest, unsafeLockFree, null);
        }
    }

    /** The outcome, and where the artifact is if one was created. */
    public record Result(Outcome outcome, String artifact) {
    }

    private final InstanceSource source;
    private final Logger logger;
    private final Clock clock;
    private final Cancellation cancellation;
    private final ScriptStep scripts;
    private final ArtifactCopier copier;

    public Backuper(InstanceSource source, Logger logger, Clock clock, Cancellation cancellation) {
        this.cancellation = cancellation;
        this.source = source;
        this.logger = logger;
        this.clock = clock;
        this.scripts = new ScriptStep(logger, cancellation);
        this.copier = new ArtifactCopier(logger, cancellation);
    }

    public Result backup(Request request) {
        Outcome outcome = new Outcome();
        BackupDirectory[] created = new BackupDirectory[1];
        Session.run(source, logger, outcome, deployment -> {
            try {
                List<List<Job>> batches = BackupChecks.run(deployment, logger, outcome, true);
                if (batches == null) {
                    return;
                }
                logger.info("Starting backup of %s...", deployment.name());
                if (!BackupChecks.writable(request.place(), outcome)) {
                    return;
                }
                created[0] = createArtifact(deployment, request);
                lockBackupUnlockDrain(deployment, batches, created[0], request.unsafeLockFree(), outcome);
            } finally {
                outcome.addAll(deployment.removeArtifactRoots(instance -> instance.artifactRootCreated()));
            }
        });
        cancellation.settle(outcome, "backup");
        finish(created[0], outcome);
        return new Result(outcome, created[0] == null ? null : created[0].location());
    }

    /**
     * Seals the artifact when every job's artifact was copied and verified: it is then whole, even if an unlock or a
     * later cleanup failed (those leave something behind on the VMs, not a hole in the backup).
     */
    private void lockBackupUnlockDrain(Deployment deployment, List<List<Job>> batches, BackupDirectory artifact,
                                       boolean lockFree, Outcome outcome) {
        if (lock(batches, lockFree, outcome)
                || Session.failed(outcome, scripts.run(Stage.BACKUP, List.of(deployment.jobs()),
                        Parallel.DEFAULT_WIDTH, true, Map.of()))
                || cancelled(outcome, "unlocking after a successful backup")) {
            unlock(batches, false, lockFree, outcome);
            return;
        }
        unlock(batches, true, lockFree, outcome);
        if (cancelled(outcome, "copying the backup")) {
            return;
        }
        List<Job> draining = deployment.jobsWith(ScriptName.BACKUP);
        Finishing finishing = new Finishing(deployment, draining);
        List<Parallel.Task> drains = new ArrayList<>(draining.stream()
                .map(job -> finishing.after(job, () -> copier.drain(job, artifact)))
                .toList());
        drains.addAll(finishing.idle());
        boolean drainFailed = Session.failed(outcome, Parallel.run(Parallel.DEFAULT_WIDTH, drains));
        outcome.addAll(finishing.errors());
        if (drainFailed) {
            logger.info("Failed to create backup of %s on %s, failed during drain step", deployment.name(),
                    GoTime.format(ZonedDateTime.now(clock)));
            return;
        }
        try {
            artifact.seal(ZonedDateTime.now(clock)); // "Backup created" only once data and final metadata are on disk
        } catch (IOException e) {
            outcome.add(new BbrError(ErrorKind.DRAIN, "Could not write " + artifact.locationOf("metadata") + ": "
                    + e.getMessage(), e));
            return;
        }
        logger.info("Backup created of %s on %s", deployment.name(), GoTime.format(ZonedDateTime.now(clock)));
        reportCopies(artifact, outcome);
    }

    /** With {@code --copy-to}: which copies are good, and an error naming each one that is not. */
    private void reportCopies(BackupDirectory artifact, Outcome outcome) {
        artifact.copies().ifPresent(report -> {
            report.copies().forEach(copy -> logger.info("Copy %s: %s", copy.location(), copy.isGood() ? "good"
                    : "FAILED"));
            report.failed().forEach(copy -> outcome.add(new BbrError(ErrorKind.GENERAL, "The copy of the backup at "
                    + copy.location() + " failed: " + String.join("; ", copy.problems()) + "; the other copies are"
                    + " whole and verified")));
        });
    }

    /** Records the operator's cancellation, if any, as the reason {@code what} did not happen. */
    private boolean cancelled(Outcome outcome, String what) {
        try {
            cancellation.check(what);
            return false;
        } catch (BbrError e) {
            outcome.add(e);
            return true;
        }
    }

    /** Returns true when locking failed. */
    private boolean lock(List<List<Job>> batches, boolean lockFree, Outcome outcome) {
        if (lockFree) {
            logger.info("Skipping lock for deployment");
            return false;
        }
        return Session.failed(outcome, scripts.run(Stage.PRE_BACKUP_LOCK, batches, Parallel.DEFAULT_WIDTH, false,
                Map.of()));
    }

    private void unlock(List<List<Job>> batches, boolean backupSucceeded, boolean lockFree, Outcome outcome) {
        if (lockFree) {
            logger.info(backupSucceeded ? "Skipping unlock after successful backup for deployment"
                    : "Skipping unlock after unsuccessful backup for deployment");
            return;
        }
        outcome.addAll(scripts.run(Stage.POST_BACKUP_UNLOCK, Batches.reversed(batches), Parallel.DEFAULT_WIDTH,
                true, Map.of("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL", Boolean.toString(backupSucceeded))));
    }

    private BackupDirectory createArtifact(Deployment deployment, Request request) throws BbrError {
        ZonedDateTime start = ZonedDateTime.now(clock);
        try {
            BackupDirectory directory = BackupDirectory.create(request.place(),
                    BackupDirectory.directoryName(deployment.name(),
                            request.artifactTime() != null ? request.artifactTime() : start), start,
                    request.encoding());
            if (request.withManifest()) {
                directory.writeManifest(source.manifest().orElse(""));
            }
            return directory;
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, e.getMessage(), e);
        }
    }

    /** A sealed artifact is already whole on disk; any other is written as incomplete. */
    private void finish(BackupDirectory artifact, Outcome outcome) {
        if (artifact == null) {
            return;
        }
        try {
            artifact.finish(ZonedDateTime.now(clock));
        } catch (IOException e) {
            outcome.add(new BbrError(ErrorKind.GENERAL, "Could not write finish time to "
                    + artifact.locationOf("metadata") + ": " + e.getMessage(), e));
        }
    }
}
