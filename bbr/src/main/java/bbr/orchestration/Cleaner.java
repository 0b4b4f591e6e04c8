package bbr.orchestration;

import bbr.instance.Job;
import bbr.log.Logger;
import java.util.List;
import java.util.Map;

/**
 * {@code backup-cleanup} and {@code restore-cleanup}: after an interrupted run, unlock every job and remove
 * {@code /var/vcap/store/bbr-backup} from every instance that backs up or restores, whoever created it.
 */
public final class Cleaner {

    /** Which interrupted run to clean up after. */
    public enum Kind { BACKUP, RESTORE }

    private final InstanceSource source;
    private final Logger logger;
    private final Cancellation cancellation;
    private final ScriptStep scripts;

    /** A "yes" to Ctrl-C stops nothing here: the cleanup is all unlocks and removals, which always run. */
    public Cleaner(InstanceSource source, Logger logger, Cancellation cancellation) {
        this.source = source;
        this.logger = logger;
        this.cancellation = cancellation;
        this.scripts = new ScriptStep(logger, cancellation);
    }

    public Outcome clean(Kind kind) {
        Outcome outcome = new Outcome();
        Session.run(source, logger, outcome, deployment -> {
            LockOrderer.Phase phase = kind == Kind.BACKUP ? LockOrderer.Phase.BACKUP : LockOrderer.Phase.RESTORE;
            List<List<Job>> unlockOrder = Batches.reversed(LockOrderer.order(deployment.jobs(), phase, logger));
            if (kind == Kind.BACKUP) {
                outcome.addAll(scripts.run(Stage.POST_BACKUP_UNLOCK, unlockOrder, Parallel.DEFAULT_WIDTH, true,
                        Map.of("BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL", "false")));
            } else {
                outcome.addAll(scripts.run(Stage.POST_RESTORE_UNLOCK, unlockOrder, 1, true, Map.of()));
            }
            deployment.instances().stream().filter(Deployment::hasBackupOrRestoreScripts)
                    .forEach(instance -> logger.info("Cleaning up..."));
            // The cleanup commands' own removal failing is a plain error (1), not the workflows' cleanup bit 16.
            deployment.removeArtifactRoots(Deployment::hasBackupOrRestoreScripts).forEach(error ->
                    outcome.add(new BbrError(ErrorKind.GENERAL, error.getMessage(), error.getCause())));
            if (!outcome.failed()) {
                logger.info("'%s' cleaned up", deployment.name());
            }
        });
        cancellation.settle(outcome, kind == Kind.BACKUP ? "backup-cleanup" : "restore-cleanup");
        return outcome;
    }
}
