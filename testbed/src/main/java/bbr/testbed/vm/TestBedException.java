package bbr.testbed.vm;

/** The test bed could not do what a test asked of it (start a VM, run a command in it, ...). */
public class TestBedException extends RuntimeException {

    public TestBedException(String message) {
        super(message);
    }

    public TestBedException(String message, Throwable cause) {
        super(message, cause);
    }
}
