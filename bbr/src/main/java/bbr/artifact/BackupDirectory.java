package bbr.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A backup artifact on local disk: a {@code 0700} directory with the job tars and the {@code metadata} file.
 *
 * <p>The metadata is written twice, each time whole and atomically (a temporary file renamed into place): when the
 * directory is made, with the start time and {@code incomplete: true}, and when the backup ends, with every
 * artifact's checksums. Until that last write the artifact says it is incomplete, so a run that dies half way (power
 * loss, {@code kill -9}) never leaves one that looks whole; rewriting it after every job, as the original does, would
 * copy every earlier job's checksums again each time. Each job's checksums wait in the meantime in spill files under
 * a private scratch directory inside the artifact, removed when the backup ends.
 */
public final class BackupDirectory implements AutoCloseable {

    /** The original's Go layout {@code 2006/01/02 15:04:05 MST}, in the jumpbox's zone. */
    private static final DateTimeFormatter ACTIVITY_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss zzz");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String METADATA = "metadata";
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path path;
    private final BackupMetadata metadata;
    private final Scratch scratch;
    private final java.util.List<SpilledChecksums> spills = new java.util.ArrayList<>();

    private BackupDirectory(Path path, BackupMetadata metadata, Scratch scratch) {
        this.path = path;
        this.metadata = metadata;
        this.scratch = scratch;
    }

    /** {@code NAME_YYYYMMDDTHHMMSSZ}, the timestamp in UTC. */
    public static String directoryName(String deployment, ZonedDateTime start) {
        return deployment + "_" + start.withZoneSameInstant(java.time.ZoneOffset.UTC).format(NAME_TIME);
    }

    /** Creates the artifact directory under {@code parent} and writes metadata with the start time. */
    public static BackupDirectory create(Path parent, String name, ZonedDateTime start) throws IOException {
        if (!Files.exists(parent)) {
            throw new NoSuchFileException(parent.toString(), null, "artifact path does not exist");
        }
        if (!Files.isDirectory(parent)) {
            throw new IOException("artifact path " + parent + " is not a directory");
        }
        Path path = parent.resolve(name);
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("failed creating artifact directory " + path + ": it already exists", e);
        } catch (IOException e) {
            throw new IOException("failed creating artifact directory " + path + ": " + e.getMessage(), e);
        }
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime(start.format(ACTIVITY_TIME));
        BackupDirectory directory = new BackupDirectory(path, metadata, new Scratch(path));
        directory.save(true);
        return directory;
    }

    /** Opens an existing artifact for restore. */
    public static BackupDirectory open(Path path) throws IOException, InvalidArtifactException {
        if (!Files.isDirectory(path)) {
            throw new InvalidArtifactException("Could not open backup: failed opening the directory: " + path
                    + (Files.exists(path) ? ": not a directory" : ": no such file or directory"));
        }
        Path file = path.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new InvalidArtifactException("Could not open backup: " + file + ": no such file or directory");
        }
        try {
            // Restore may read from a place it cannot write to: its temporary files go to java.io.tmpdir.
            return new BackupDirectory(path, MetadataYaml.read(file), Scratch.temporary());
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException("Could not open backup: " + file + " is not valid: " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    public BackupMetadata metadata() {
        return metadata;
    }

    public Path fileOf(ArtifactName artifact) {
        return path.resolve(artifact.fileName());
    }

    /** Artifacts hold credentials and personal data: readable by the owner only, like the directory. */
    public OutputStream createArtifact(ArtifactName artifact) throws IOException {
        Path file = fileOf(artifact);
        Files.deleteIfExists(file);
        Files.createFile(file, OWNER_ONLY);
        return Files.newOutputStream(file);
    }

    public InputStream openArtifact(ArtifactName artifact) throws IOException {
        return Files.newInputStream(fileOf(artifact));
    }

    public void writeManifest(String manifest) throws IOException {
        Path file = path.resolve("manifest.yml");
        Files.createFile(file, OWNER_ONLY);
        Files.writeString(file, manifest, StandardCharsets.UTF_8);
    }

    /** Where checksums spill while the run lasts. */
    public Scratch scratch() {
        return scratch;
    }

    /** Records a verified artifact's checksums; they are written with the rest when the backup ends. */
    public synchronized void record(ArtifactName artifact, ChecksumSet checksums) {
        metadata.record(artifact, checksums);
        if (checksums instanceof SpilledChecksums spilled) {
            spills.add(spilled);
        }
    }

    /**
     * Records the finish time, and whether some job's artifact is missing, so a partial artifact is never taken
     * as whole.
     */
    public synchronized void finish(ZonedDateTime time, boolean incomplete) throws IOException {
        metadata.setFinishTime(time.format(ACTIVITY_TIME));
        if (incomplete) {
            metadata.markIncomplete();
        }
        try {
            save(false);
        } finally {
            close();
        }
    }

    /** Removes the temporary files of the run. */
    @Override
    public synchronized void close() {
        spills.forEach(SpilledChecksums::close);
        spills.clear();
        scratch.close();
    }

    /** @param inProgress written while the backup runs: marked incomplete whatever the metadata says */
    private synchronized void save(boolean inProgress) throws IOException {
        Path temporary = path.resolve(METADATA + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, OWNER_ONLY);
        BackupMetadata written = metadata;
        if (inProgress && !metadata.incomplete()) {
            written = new BackupMetadata();
            metadata.startTime().ifPresent(written::setStartTime);
            written.markIncomplete();
        }
        try (OutputStream out = Files.newOutputStream(temporary)) {
            MetadataWriter.write(written, out);
        }
        try {
            Files.move(temporary, path.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The artifact on disk cannot be used; the message says which file and why. */
    public static final class InvalidArtifactException extends Exception {
        public InvalidArtifactException(String message) {
            super(message);
        }
    }
}
