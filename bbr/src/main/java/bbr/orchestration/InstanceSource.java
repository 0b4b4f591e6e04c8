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
     */
    List<Instance> discover() throws BbrError;

    /**
     * Nothing more of this workflow runs on {@code instance}: the source may close its connection and start removing
     * its temporary credentials now rather than in {@link #release()}, which still waits for that and reports any
     * failure of it. Called at most once per instance, from any thread.
     */
    default void finished(Instance instance) {
    }

    /**
     * Closes the connections and removes temporary credentials. Called once after {@link #discover()}
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
