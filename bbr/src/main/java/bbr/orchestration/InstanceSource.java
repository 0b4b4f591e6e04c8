package bbr.orchestration;

import bbr.instance.Instance;
import java.util.List;

/**
 * Where a workflow's instances come from: the director VM reached directly, or a deployment's VMs reached
 * through the BOSH Director. Implementations connect, find jobs, and later release whatever they set up.
 */
public interface InstanceSource {

    /** The deployment's name in messages and in the artifact directory (the host for a director). */
    String name();

    /**
     * Connects to every instance and finds its jobs. On failure it releases what it had set up, then throws.
     * Before it changes anything on a VM it calls {@code beforeChanges}, and stops with its error.
     */
    List<Instance> discover(BeforeChanges beforeChanges) throws BbrError;

    /**
     * Whether discovery changes the deployment before a command can run on a VM (deployment mode's temporary users,
     * each a Director task the operator can see). A restore then checks its artifact whole before discovery changes
     * anything, as before; otherwise it checks the artifact while sending it, so that its bytes are read once.
     */
    default boolean changesTheDeploymentToConnect() {
        return false;
    }

    /**
     * Nothing more of this workflow runs on {@code instance}: the source may close its connection and start removing
     * its temporary credentials now rather than in {@link #release()}, which still waits for that and reports any
     * failure of it. Called at most once per instance, from any thread.
     */
    default void finished(Instance instance) {
    }

    /**
     * Closes the connections and removes temporary credentials. Called once after {@link #discover(BeforeChanges)}
     * succeeded, whatever happened in between.
     *
     * @throws BbrError of kind {@link ErrorKind#CLEANUP} when something could not be released
     */
    void release() throws BbrError;

    /** The deployment manifest, for {@code --with-manifest}; empty for a director. */
    default java.util.Optional<String> manifest() throws BbrError {
        return java.util.Optional.empty();
    }
}
