package bbr.artifact.local;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/** A local directory that holds backups, each in a directory of its own readable by the owner only. */
public final class LocalPlace implements ArtifactPlace {

    private final Path directory;
    private final String shown;

    /** @param shown the place as the operator wrote it; @param directory where it is, resolved */
    public LocalPlace(Path directory, String shown) {
        this.directory = directory;
        this.shown = shown;
    }

    public LocalPlace(Path directory) {
        this(directory, directory.toString());
    }

    @Override
    public String location() {
        return shown;
    }

    @Override
    public void checkWritable() throws IOException {
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "artifact path does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException("artifact path " + directory + " is not a directory");
        }
    }

    @Override
    public BackupFiles create(String name) throws IOException {
        checkWritable();
        Path path = directory.resolve(name);
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("failed creating artifact directory " + path + ": it already exists", e);
        } catch (IOException e) {
            throw new IOException("failed creating artifact directory " + path + ": " + e.getMessage(), e);
        }
        Durable.syncDirectory(directory);
        return new LocalBackupFiles(path);
    }

    @Override
    public BackupFiles open(String name) throws IOException {
        Path path = directory.resolve(name);
        if (!Files.isDirectory(path)) {
            throw new NoSuchFileException(path.toString(), null, Files.exists(path) ? "not a directory"
                    : "no such file or directory");
        }
        return new LocalBackupFiles(path);
    }

    @Override
    public List<String> backups() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, Files.exists(directory) ? "not a directory"
                    : "no such directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        }
    }
}
