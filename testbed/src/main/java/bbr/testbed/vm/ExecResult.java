package bbr.testbed.vm;

/** What a command run by the test bed did: its exit code and everything it printed. */
public record ExecResult(String command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result, or throws with the command's output when it failed: for setup steps that must work. */
    public ExecResult orThrow() {
        if (!succeeded()) {
            throw new TestBedException("command failed with exit code " + exitCode + ": " + command
                    + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        return this;
    }
}
