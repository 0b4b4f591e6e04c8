package bbr.artifact.store;

import java.util.ArrayList;
import java.util.List;

/** One of the places a {@link Copies} writes to, and what went wrong there (the first failure ends its copy). */
final class Destination {

    private final String location;
    private final BackupFiles files;
    private final List<String> problems = new ArrayList<>();

    Destination(String location, BackupFiles files) {
        this.location = location;
        this.files = files;
    }

    String location() {
        return location;
    }

    BackupFiles files() {
        return files;
    }

    synchronized boolean isGood() {
        return problems.isEmpty();
    }

    /** Records what went wrong; the copy at this destination is bad from now on and gets no more files. */
    synchronized void fail(String problem) {
        problems.add(problem);
    }

    synchronized CopyReport.Copy result() {
        return new CopyReport.Copy(location, List.copyOf(problems));
    }
}
