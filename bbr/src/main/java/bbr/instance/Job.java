package bbr.instance;

import bbr.artifact.ArtifactName;
import java.util.EnumSet;
import java.util.Set;

/** A release job on an instance that has bbr scripts. */
public final class Job {

    static final String BACKUP_ONE_RESTORE_ALL = "-backup-one-restore-all";

    private final Instance instance;
    private final String name;
    private final String release;
    private final Set<ScriptName> scripts;
    private final JobMetadata metadata;
    private final boolean backupOneRestoreAll;

    public Job(Instance instance, String name, String release, Set<ScriptName> scripts, JobMetadata metadata,
               boolean backupOneRestoreAll) {
        this.instance = instance;
        this.name = name;
        this.release = release;
        this.scripts = scripts.isEmpty() ? EnumSet.noneOf(ScriptName.class) : EnumSet.copyOf(scripts);
        this.metadata = metadata;
        this.backupOneRestoreAll = backupOneRestoreAll;
    }

    public Instance instance() {
        return instance;
    }

    public String name() {
        return name;
    }

    public String release() {
        return release;
    }

    public JobMetadata metadata() {
        return metadata;
    }

    public boolean has(ScriptName script) {
        return scripts.contains(script);
    }

    public String scriptPath(ScriptName script) {
        return "/var/vcap/jobs/" + name + "/bin/bbr/" + script.fileName();
    }

    /** Where this job's backup lands: a named artifact on the bootstrap VM of a backup-one-restore-all job. */
    public ArtifactName backupArtifact() {
        if (backupOneRestoreAll && instance.bootstrap()) {
            return sharedArtifact();
        }
        return ArtifactName.ofInstance(instance.group(), instance.index(), name);
    }

    /** What this job restores from: every instance of a backup-one-restore-all job gets the one named artifact. */
    public ArtifactName restoreArtifact() {
        if (backupOneRestoreAll) {
            return sharedArtifact();
        }
        return ArtifactName.ofInstance(instance.group(), instance.index(), name);
    }

    private ArtifactName sharedArtifact() {
        return ArtifactName.custom(name + "-" + release + BACKUP_ONE_RESTORE_ALL);
    }

    @Override
    public String toString() {
        return name + " on " + instance.label();
    }
}
