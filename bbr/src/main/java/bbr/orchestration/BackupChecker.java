package bbr.orchestration;

import bbr.artifact.store.ArtifactPlace;
import bbr.log.Logger;

/** {@code pre-backup-check}: discovery plus the backup's pre-checks, changing nothing on any VM. */
public final class BackupChecker {

    private final InstanceSource source;
    private final Logger logger;
    private final ArtifactPlace place;

    public BackupChecker(InstanceSource source, Logger logger) {
        this(source, logger, null);
    }

    /** @param place where the backup would be written, proven writable too; null: not checked (the original's) */
    public BackupChecker(InstanceSource source, Logger logger, ArtifactPlace place) {
        this.source = source;
        this.logger = logger;
        this.place = place;
    }

    public Outcome check() {
        Outcome outcome = new Outcome();
        Session.run(source, logger, outcome, deployment -> {
            if (BackupChecks.run(deployment, logger, outcome, false) != null && place != null) {
                BackupChecks.writable(place, outcome);
            }
        });
        return outcome;
    }
}
