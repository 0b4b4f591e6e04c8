package bbr.remote;

/** A finished remote command with its (size-bounded) stdout and stderr. */
public record CapturedResult(int exitStatus, String stdout, String stderr) {

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
