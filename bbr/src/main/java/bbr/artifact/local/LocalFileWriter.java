package bbr.artifact.local;

import bbr.artifact.store.StoredFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file of a local backup under a temporary name and renames it into place on commit, so that a file under
 * its real name is always whole. Artifacts hold credentials and personal data: readable by the owner only.
 */
final class LocalFileWriter implements StoredFileWriter {

    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path target;
    private final Path temporary;
    private final OutputStream stream;
    private boolean committed;
    private boolean closed;

    LocalFileWriter(Path directory, String file) throws IOException {
        this.target = directory.resolve(file);
        this.temporary = directory.resolve(file + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, OWNER_ONLY);
        this.stream = Files.newOutputStream(temporary);
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public void commit() throws IOException {
        stream.close();
        closed = true;
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            if (!closed) {
                closed = true;
                stream.close();
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
