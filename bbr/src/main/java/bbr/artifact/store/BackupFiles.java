package bbr.artifact.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The files of one backup in an {@link ArtifactPlace}: {@code metadata}, the job artifacts and the manifest, by
 * their plain file names ({@code bosh-0-db.tar}, {@code bosh-0-db.tar.zst.age}). Stream stages (hashing,
 * compression, encryption, counting) are composed around what this returns, never inside it.
 */
public interface BackupFiles {

    /** Where the backup is ({@code /backups/bosh_20261127T001500Z}, {@code s3://bucket/prefix/bosh_…}). */
    String location();

    /** Starts writing {@code file}; nothing of it is visible under that name until {@link StoredFileWriter#commit}. */
    StoredFileWriter create(String file) throws IOException;

    /** Reads {@code file} from its start; {@link java.nio.file.NoSuchFileException} naming it when absent. */
    InputStream open(String file) throws IOException;

    /** The stored size of {@code file} in bytes, or empty when there is no such file. */
    OptionalLong size(String file) throws IOException;

    /** The names of the files the backup holds, in no particular order. */
    List<String> list() throws IOException;

    /** Removes {@code file}; nothing happens when it is absent. */
    void remove(String file) throws IOException;

    /**
     * A local directory of the backup where a run may keep temporary files (spilled checksums, removed at its end):
     * the disk the operator set aside for backups, rather than {@code java.io.tmpdir}, which may be memory. Empty
     * when the place is not local.
     */
    default Optional<Path> scratchDirectory() {
        return Optional.empty();
    }
}
