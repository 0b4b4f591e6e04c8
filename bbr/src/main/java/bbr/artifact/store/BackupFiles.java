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

    /**
     * Starts writing {@code file} as a provisional one, which says that the backup is not finished (the metadata
     * with {@code incomplete: true}, written when a backup starts and when it fails): a directory needs it, being a
     * backup as soon as it exists. Object storage does not: there a backup without its metadata object is
     * unfinished by definition, so the metadata is written once, last, and this writer keeps nothing.
     */
    default StoredFileWriter createProvisional(String file) throws IOException {
        return create(file);
    }

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
