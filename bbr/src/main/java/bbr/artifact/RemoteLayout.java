package bbr.artifact;

/** Fixed paths on a VM that release scripts and operators know. */
public final class RemoteLayout {

    /** Existing at the start of a run, it means a crashed run or another bbr in progress. */
    public static final String ARTIFACT_ROOT = "/var/vcap/store/bbr-backup";

    private RemoteLayout() {
    }
}
