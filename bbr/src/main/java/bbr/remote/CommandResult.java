package bbr.remote;

/** How a remote command ended: its exit status and the tail of what it wrote to stderr. */
public record CommandResult(int exitStatus, String stderr) {

    /** Output kept in memory per command; a script that prints gigabytes must not exhaust the heap. */
    public static final int MAX_CAPTURED_BYTES = 1 << 20;

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
