package bbr.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary directory for spilled checksums, made on first use under a parent (the artifact's own
 * directory, or {@code java.io.tmpdir}) and removed by {@link #close}, or when the JVM exits if a run ends early.
 * File names in it hold no data: the entries inside are checksums and file names of the backup.
 */
public final class Scratch implements AutoCloseable {

    private final Path parent;
    private Path directory;
    private Thread cleanup;
    private int files;

    public Scratch(Path parent) {
        this.parent = parent;
    }

    /**
     * Under {@code $TMPDIR}, else {@code java.io.tmpdir} ({@code /tmp}): for runs that must not write next to the
     * artifact (restore, verify) and for backups to a place that is not local (object storage).
     */
    public static Scratch temporary() {
        String tmpdir = System.getenv("TMPDIR");
        return new Scratch(Path.of(tmpdir != null && !tmpdir.isBlank() ? tmpdir
                : System.getProperty("java.io.tmpdir")));
    }

    /** A new, empty file in the directory. */
    public synchronized Path newFile(String prefix) throws IOException {
        return directory().resolve(prefix + "-" + (files++));
    }

    private Path directory() throws IOException {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory(parent, ".bbr-scratch-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new IOException("could not create a temporary directory in " + parent + ": " + e.getMessage(),
                        e);
            }
            Path made = directory;
            cleanup = new Thread(() -> deleteTree(made), "remove-scratch");
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        return directory;
    }

    @Override
    public synchronized void close() {
        if (directory == null) {
            return;
        }
        deleteTree(directory);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
        directory = null;
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(SpilledChecksums::delete);
        } catch (IOException e) {
            // nothing left to do: it is a temporary directory
        }
    }
}
