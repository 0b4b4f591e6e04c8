package bbr.cli;

import bbr.artifact.BackupDirectory;
import bbr.log.Logger;
import bbr.log.Redactor;
import bbr.orchestration.BbrError;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;

/**
 * A backup or a cleanup of one deployment under {@code --all-deployments}: its log goes to
 * {@code DEPLOYMENT_TIMESTAMP.log} (under the artifact path, else the working directory); the console gets
 * "Starting …, log file: …" and "Finished …", or "ERROR: failed to …" followed by the whole log.
 */
final class LoggedDeploymentStep implements AllDeploymentsRun.Step {

    /** The workflow, logging to the deployment's file; {@code timestamp} also names its log file. */
    interface Workflow {
        Outcome run(String deployment, Logger logger, ZonedDateTime timestamp);
    }

    private final AllDeploymentsRun console;
    private final CliContext context;
    private final Path logDirectory;
    private final boolean debug;
    private final Redactor redactor;
    private final Workflow workflow;

    /** @param logDirectory as the operator gave it, shown that way in the console; null for the working directory */
    LoggedDeploymentStep(AllDeploymentsRun console, CliContext context, Path logDirectory, boolean debug,
                         Redactor redactor, Workflow workflow) {
        this.console = console;
        this.context = context;
        this.logDirectory = logDirectory;
        this.debug = debug;
        this.redactor = redactor;
        this.workflow = workflow;
    }

    @Override
    public Outcome run(String deployment) {
        ZonedDateTime timestamp = ZonedDateTime.now(context.clock());
        String name = BackupDirectory.directoryName(deployment, timestamp) + ".log";
        Path shown = logDirectory == null ? Path.of(name) : logDirectory.resolve(name);
        String verb = console.wording().verb;
        try (DeploymentLogFile log = DeploymentLogFile.create(context.terminal().workingDirectory().resolve(shown))) {
            console.stamped("Starting " + verb + " of " + deployment + ", log file: " + shown);
            Outcome outcome = workflow.run(deployment, context.deploymentLogger(log, deployment, debug, redactor),
                    timestamp);
            if (!outcome.failed()) {
                console.stamped("Finished " + verb + " of " + deployment);
                return outcome;
            }
            if (console.wording() == AllDeploymentsWording.BACKUP_CLEANUP) {
                console.plain("Failed to cleanup deployment '" + deployment + "'");
            }
            console.stamped("ERROR: failed to " + verb + " " + deployment + "\n" + log.text());
            return outcome;
        } catch (IOException e) {
            Outcome outcome = new Outcome();
            outcome.add(new BbrError(ErrorKind.GENERAL, e.getMessage(), e));
            return outcome;
        }
    }
}
