package bbr.testbed.bench;

import java.io.IOException;
import java.nio.file.Path;

/** The real {@code bin/bbr} backing up a case's VMs into a directory and restoring them from it, timed. */
interface BbrSide extends AutoCloseable {

    /** The backup of every VM into {@code directory} (made if missing). */
    BbrRun backup(Path directory) throws IOException, InterruptedException;

    /** The restore of what {@link #backup} wrote into {@code directory}. */
    BbrRun restore(Path directory) throws IOException, InterruptedException;

    @Override
    void close();
}
