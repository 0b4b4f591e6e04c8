package bbr.artifact.local;

import bbr.artifact.store.BackupFiles;
import bbr.artifact.store.StoredFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** The files of one backup directory on local disk. */
final class LocalBackupFiles implements BackupFiles {

    private final Path directory;

    LocalBackupFiles(Path directory) {
        this.directory = directory;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    @Override
    public StoredFileWriter create(String file) throws IOException {
        return new LocalFileWriter(directory, file);
    }

    @Override
    public InputStream open(String file) throws IOException {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        return Files.newInputStream(path);
    }

    @Override
    public OptionalLong size(String file) throws IOException {
        Path path = directory.resolve(file);
        return Files.isRegularFile(path) ? OptionalLong.of(Files.size(path)) : OptionalLong.empty();
    }

    @Override
    public List<String> list() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Override
    public void remove(String file) throws IOException {
        Files.deleteIfExists(directory.resolve(file));
    }
}
