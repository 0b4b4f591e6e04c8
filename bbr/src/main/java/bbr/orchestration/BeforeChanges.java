package bbr.orchestration;

/**
 * What discovery must wait for before it changes anything on the VMs (the temporary users of deployment mode):
 * a restore hashes its local artifact while discovery connects, and a corrupt artifact must still leave the
 * deployment untouched.
 */
@FunctionalInterface
public interface BeforeChanges {

    /** Nothing to wait for. */
    BeforeChanges NONE = () -> {
    };

    /** Returns once changes are allowed, or throws the error that forbids them. */
    void await() throws BbrError;
}
