package bbr.orchestration;

import bbr.log.Logger;

/** {@code pre-backup-check}: discovery plus the backup's pre-checks, changing nothing on any VM. */
public final class BackupChecker {

    private final InstanceSource source;
    private final Logger logger;

    public BackupChecker(InstanceSource source, Logger logger) {
        this.source = source;
        this.logger = logger;
    }

    public Outcome check() {
        Outcome outcome = new Outcome();
        Session.run(source, logger, outcome, deployment -> BackupChecks.run(deployment, logger, outcome, false));
        return outcome;
    }
}
