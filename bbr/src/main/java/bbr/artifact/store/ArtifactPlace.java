package bbr.artifact.store;

import java.io.IOException;
import java.util.List;

/**
 * A place that holds backups, as {@code --artifact-path} or {@code --copy-to} names it: a local directory, or a
 * bucket and prefix in object storage. The workflows reach every byte of an artifact through this seam and never
 * know which kind of place it is (restic's {@code Backend} is the model).
 */
public interface ArtifactPlace extends AutoCloseable {

    /** The place as the operator wrote it ({@code /backups}, {@code s3://bucket/prefix}): what messages name. */
    String location();

    /**
     * Proves, before anything is locked, that backups can be written here (the place exists, is writable, the
     * credentials are accepted), leaving nothing behind; the exception's message names the place and the cause.
     */
    void checkWritable() throws IOException;

    /** Creates the backup {@code name} ({@code DEPLOYMENT_YYYYMMDDTHHMMSSZ}); fails when it already exists. */
    BackupFiles create(String name) throws IOException;

    /** Opens the existing backup {@code name}; fails with a message naming it when there is none. */
    BackupFiles open(String name) throws IOException;

    /** The names of the backups held here, in no particular order. */
    List<String> backups() throws IOException;

    /** Lets go of what reaching the place holds (an object store's connections and upload threads); idempotent. */
    @Override
    default void close() {
    }
}
