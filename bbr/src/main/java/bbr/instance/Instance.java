package bbr.instance;

import bbr.remote.RemoteRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM of a deployment (or the single director VM): its identity in the Director's terms, the connection
 * to it, and the bbr jobs found on it.
 */
public final class Instance {

    private final String group;
    private final String index;
    private final String id;
    private final boolean bootstrap;
    private final VmShell shell;
    private final List<Job> jobs = new ArrayList<>();
    private volatile boolean artifactRootCreated;

    public Instance(String group, String index, String id, boolean bootstrap, VmShell shell) {
        this.group = group;
        this.index = index;
        this.id = id;
        this.bootstrap = bootstrap;
        this.shell = shell;
    }

    public String group() {
        return group;
    }

    public String index() {
        return index;
    }

    public String id() {
        return id;
    }

    public boolean bootstrap() {
        return bootstrap;
    }

    public VmShell shell() {
        return shell;
    }

    public RemoteRunner remote() {
        return shell.remote();
    }

    /** {@code group/id}, how the original names an instance in nearly every message. */
    public String label() {
        return group + "/" + id;
    }

    /** {@code group/index}, used by the original in restore's upload messages. */
    public String indexLabel() {
        return group + "/" + index;
    }

    public List<Job> jobs() {
        return List.copyOf(jobs);
    }

    void setJobs(List<Job> found) {
        jobs.clear();
        jobs.addAll(found);
    }

    public boolean hasScript(ScriptName script) {
        return jobs.stream().anyMatch(job -> job.has(script));
    }

    /** Remembers that this run made {@code /var/vcap/store/bbr-backup}, so that it is the one to remove it. */
    public void markArtifactRootCreated() {
        artifactRootCreated = true;
    }

    public boolean artifactRootCreated() {
        return artifactRootCreated;
    }

    @Override
    public String toString() {
        return label();
    }
}
