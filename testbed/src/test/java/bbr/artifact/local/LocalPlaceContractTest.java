package bbr.artifact.local;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFilesContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract that the S3 place meets, met by a local directory too (a new one for each test). */
class LocalPlaceContractTest extends BackupFilesContract {

    @TempDir
    Path root;

    private int count;

    @Override
    protected ArtifactPlace emptyPlace() throws IOException {
        return new LocalPlace(Files.createDirectory(root.resolve("place-" + ++count)));
    }

    /** Local writes go through a buffered file channel: pieces of 64 KiB cross its buffers. */
    @Override
    protected int pieceSize() {
        return 64 << 10;
    }
}
