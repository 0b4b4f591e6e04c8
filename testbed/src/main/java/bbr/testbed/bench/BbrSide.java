package bbr.testbed.bench;

import java.io.IOException;
import java.nio.file.Path;

/** The real {@code bin/bbr} backing up a case's VMs into a directory and restoring them from it, timed. */
interface BbrSide extends AutoCloseable {

    /** Seconds for the backup of every VM into {@code directory} (made if missing). */
    double backup(Path directory) throws IOException, InterruptedException;

    /** Seconds for the restore of what {@link #backup} wrote into {@code directory}. */
    double restore(Path directory) throws IOException, InterruptedException;

    @Override
    void close();
}
