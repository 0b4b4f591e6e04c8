package bbr.artifact.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code fsync} of a directory: a file renamed into it is only safe from a power loss once the directory's own
 * entry is on disk too. Linux lets a directory be opened for reading and forced, as Lucene's {@code IOUtils.fsync}
 * does.
 */
final class Durable {

    private Durable() {
    }

    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
