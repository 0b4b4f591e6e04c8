package bbr.orchestration;

import bbr.artifact.RemoteLayout;
import bbr.instance.Instance;
import bbr.instance.Job;
import bbr.instance.ScriptName;
import bbr.log.Logger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The discovered instances of one deployment (or director) and the checks and cleanups that span them all. */
final class Deployment {

    private final String name;
    private final List<Instance> instances;
    private final Logger logger;

    Deployment(String name, List<Instance> instances, Logger logger) {
        this.name = name;
        this.instances = List.copyOf(instances);
        this.logger = logger;
    }

    String name() {
        return name;
    }

    List<Instance> instances() {
        return instances;
    }

    List<Job> jobs() {
        return instances.stream().flatMap(i -> i.jobs().stream()).toList();
    }

    List<Job> jobsWith(ScriptName script) {
        return jobs().stream().filter(job -> job.has(script)).toList();
    }

    boolean has(ScriptName script) {
        return instances.stream().anyMatch(i -> i.hasScript(script));
    }

    /**
     * Fails when any instance already has {@code /var/vcap/store/bbr-backup}: a crashed run or a running one.
     * With {@code claim}, creates it atomically instead of only looking, so that a second bbr started at the same
     * moment is refused rather than both going ahead.
     */
    void checkArtifactRootAbsent(Outcome outcome, boolean claim) {
        for (Instance instance : instances) {
            try {
                boolean absent = claim ? instance.shell().claimArtifactRoot() : !instance.shell().artifactRootExists();
                if (absent && claim) {
                    instance.markArtifactRootCreated();
                }
                if (!absent) {
                    outcome.add(new BbrError(ErrorKind.ARTIFACT_DIR_EXISTS, "Directory " + RemoteLayout.ARTIFACT_ROOT
                            + " already exists on instance " + instance.label()
                            + " (left by an interrupted run, or another bbr is running now)"));
                }
            } catch (IOException e) {
                outcome.add(new BbrError(ErrorKind.GENERAL, "Error checking " + RemoteLayout.ARTIFACT_ROOT
                        + " on instance " + instance.label() + ": " + e.getMessage(), e));
            }
        }
    }

    /**
     * Removes {@code /var/vcap/store/bbr-backup} from the instances {@code which} selects; a workflow passes
     * only the ones it created, the cleanup commands pass every instance with scripts.
     */
    List<BbrError> removeArtifactRoots(Predicate<Instance> which) {
        List<BbrError> errors = new ArrayList<>();
        for (Instance instance : instances) {
            if (!which.test(instance)) {
                continue;
            }
            try {
                instance.shell().remove(RemoteLayout.ARTIFACT_ROOT);
            } catch (IOException e) {
                logger.error("Backup artifact clean up failed");
                errors.add(new BbrError(ErrorKind.CLEANUP, "Deployment '" + name
                        + "' failed while cleaning up with error: Unable to clean up backup artifact on "
                        + instance.label() + ": " + e.getMessage(), e));
            }
        }
        return errors;
    }

    /** Instances that take part in backups or restores, whose leftovers the cleanup commands remove. */
    static boolean hasBackupOrRestoreScripts(Instance instance) {
        return instance.hasScript(ScriptName.BACKUP) || instance.hasScript(ScriptName.RESTORE);
    }
}
