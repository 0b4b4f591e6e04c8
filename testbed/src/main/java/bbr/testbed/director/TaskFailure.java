package bbr.testbed.director;

/** Ends a task in state error: its message becomes the task's result and its event log's error (§6.3). */
final class TaskFailure extends RuntimeException {

    /** The code of a plain Ruby error in a task's event log; DirectorErrors carry their own. */
    static final int GENERIC_CODE = 100;

    private final int code;

    TaskFailure(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}
