package bbr.cli;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.Encoding;
import bbr.log.Logger;
import bbr.orchestration.Backuper;
import bbr.orchestration.Cancellation;
import bbr.orchestration.Outcome;
import bbr.s3.S3Location;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bbr deployment backup}: the director-mode backup plus what only deployments have. */
@Command(name = "backup", aliases = "b", description = "Backup a deployment")
final class DeploymentBackupCommand extends BackupCommand {

    static final String LOCK_FREE_WITH_ALL = "Cannot use the --unsafe-lock-free flag in conjunction with the"
            + " --all-deployments flag";

    @Option(names = "--with-manifest", description = "Download the deployment manifest")
    boolean withManifest;

    @Option(names = "--unsafe-lock-free", description = "Experimental feature to skip locking steps when backing"
            + " up the BOSH deployment. Cannot be used in combination with the all-deployments flag")
    boolean unsafeLockFree;

    DeploymentBackupCommand(Target target, CliContext context) {
        super(target, context);
    }

    @Override
    Backuper.Request request(ArtifactPlace place, Encoding encoding) {
        return new Backuper.Request(place, encoding, withManifest, unsafeLockFree);
    }

    @Override
    Optional<String> conflictingFlags() {
        return unsafeLockFree && target.allDeployments().isPresent() ? Optional.of(LOCK_FREE_WITH_ALL)
                : Optional.empty();
    }

    @Override
    int run(Logger logger) {
        Optional<AllDeploymentsTarget> all = target.allDeployments();
        if (all.isEmpty()) {
            return super.run(logger);
        }
        Optional<Encoding> encoding = encoding();
        if (encoding.isEmpty()) {
            return 1;
        }
        Optional<ArtifactPlace> places = artifactPlace();
        if (places.isEmpty()) {
            return 1;
        }
        try (ArtifactPlace place = places.get()) {
            Cancellation cancellation = trapCtrlC("backup"); // one answer stops every deployment's run
            AllDeploymentsRun run = new AllDeploymentsRun(all.get(), context, target.redactor(),
                    AllDeploymentsWording.BACKUP);
            return run.run(logger, new LoggedDeploymentStep(run, context, logDirectory(), target.debug(),
                    target.redactor(), (deployment, log, timestamp) -> new Backuper(all.get().source(deployment, log),
                            log, context.clock(), cancellation).backup(new Backuper.Request(place, encoding.get(),
                                    withManifest, false, timestamp)).outcome()),
                    Outcome::recommendsBackupCleanup);
        }
    }

    /**
     * Where each deployment's log file goes: beside its artifact, as the original's; with an {@code s3://} artifact
     * path, in the working directory (logs are not part of the backup).
     */
    private Path logDirectory() {
        return artifactPath == null || S3Location.isS3(artifactPath) ? null : Path.of(artifactPath);
    }
}
