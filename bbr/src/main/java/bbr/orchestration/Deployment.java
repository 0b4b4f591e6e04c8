package bbr.orchestration;

import bbr.artifact.RemoteLayout;
import bbr.instance.Instance;
import bbr.instance.Job;
import bbr.instance.ScriptName;
import bbr.log.Logger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The discovered instances of one deployment (or director) and the checks and cleanups that span them all. */
final class Deployment {

    private final String name;
    private final List<Instance> instances;
    private final Logger logger;
    private final Consumer<Instance> release;
    private final Set<Instance> finished = ConcurrentHashMap.newKeySet();

    /** @param release lets the instance source release one instance early (see {@link #finish(Instance)}) */
    Deployment(String name, List<Instance> instances, Logger logger, Consumer<Instance> release) {
        this.name = name;
        this.instances = List.copyOf(instances);
        this.logger = logger;
        this.release = release;
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
        // One command per VM, all VMs at once: a round trip each, which in turn add up on a large deployment.
        outcome.addAll(Parallel.inOrder(Parallel.DEFAULT_WIDTH, instances, instance -> artifactRootError(instance,
                claim)));
    }

    private static BbrError artifactRootError(Instance instance, boolean claim) {
        try {
            boolean absent = claim ? instance.shell().claimArtifactRoot() : !instance.shell().artifactRootExists();
            if (absent && claim) {
                instance.markArtifactRootCreated();
            }
            return absent ? null : new BbrError(ErrorKind.ARTIFACT_DIR_EXISTS, "Directory "
                    + RemoteLayout.ARTIFACT_ROOT + " already exists on instance " + instance.label()
                    + " (left by an interrupted run, or another bbr is running now)");
        } catch (IOException e) {
            return new BbrError(ErrorKind.GENERAL, "Error checking " + RemoteLayout.ARTIFACT_ROOT
                    + " on instance " + instance.label() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes {@code /var/vcap/store/bbr-backup} from the instances {@code which} selects; a workflow passes
     * only the ones it created, the cleanup commands pass every instance with scripts. Instances already
     * {@linkplain #finish finished} are left alone.
     */
    List<BbrError> removeArtifactRoots(Predicate<Instance> which) {
        List<BbrError> errors = new ArrayList<>();
        for (Instance instance : instances) {
            if (which.test(instance) && !finished.contains(instance)) {
                removeArtifactRoot(instance).ifPresent(errors::add);
            }
        }
        return errors;
    }

    /**
     * The workflow is done with {@code instance}: removes the artifact root this run made there, then lets the
     * instance source release it (close its connection, start removing its temporary user) while the workflow
     * carries on with the other instances. Returns the removal's failure, if any; once per instance.
     */
    Optional<BbrError> finish(Instance instance) {
        if (!finished.add(instance)) {
            return Optional.empty();
        }
        Optional<BbrError> error = instance.artifactRootCreated() ? removeArtifactRoot(instance) : Optional.empty();
        release.accept(instance);
        return error;
    }

    private Optional<BbrError> removeArtifactRoot(Instance instance) {
        try {
            instance.shell().remove(RemoteLayout.ARTIFACT_ROOT);
            return Optional.empty();
        } catch (IOException e) {
            logger.error("Backup artifact clean up failed");
            return Optional.of(new BbrError(ErrorKind.CLEANUP, "Deployment '" + name
                    + "' failed while cleaning up with error: Unable to clean up backup artifact on "
                    + instance.label() + ": " + e.getMessage(), e));
        }
    }

    /** Instances that take part in backups or restores, whose leftovers the cleanup commands remove. */
    static boolean hasBackupOrRestoreScripts(Instance instance) {
        return instance.hasScript(ScriptName.BACKUP) || instance.hasScript(ScriptName.RESTORE);
    }
}
