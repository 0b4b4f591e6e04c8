package bbr.testbed.cli;

/** What a finished bbr process printed and how it exited. */
public record BbrRun(int exitCode, String stdout, String stderr) {

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
