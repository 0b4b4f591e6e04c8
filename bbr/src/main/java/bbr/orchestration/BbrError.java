package bbr.orchestration;

/** A failure of one step, with its class and a message that names what failed and where. */
public final class BbrError extends Exception {

    private final ErrorKind kind;

    public BbrError(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BbrError(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
