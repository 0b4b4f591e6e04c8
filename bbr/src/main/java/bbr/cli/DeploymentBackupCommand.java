package bbr.cli;

import bbr.orchestration.Backuper;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bbr deployment backup}: the director-mode backup plus the two flags only deployments have. */
@Command(name = "backup", aliases = "b", description = "Backup a deployment")
final class DeploymentBackupCommand extends BackupCommand {

    @Option(names = "--with-manifest", description = "Download the deployment manifest")
    boolean withManifest;

    @Option(names = "--unsafe-lock-free", description = "Experimental feature to skip locking steps when backing"
            + " up the BOSH deployment. Cannot be used in combination with the all-deployments flag")
    boolean unsafeLockFree;

    DeploymentBackupCommand(Target target, CliContext context) {
        super(target, context);
    }

    @Override
    Backuper.Request request(Path parent) {
        return new Backuper.Request(parent, withManifest, unsafeLockFree);
    }
}
