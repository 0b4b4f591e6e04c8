package bbr.artifact;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFiles;
import bbr.artifact.store.StoredFileWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One backup artifact in an {@link ArtifactPlace}: the job tars and the {@code metadata} file, every byte reached
 * through {@link BackupFiles}. Metadata is rewritten (atomically) after every change, so an interrupted backup
 * still says what it holds.
 */
public final class BackupDirectory {

    /** The original's Go layout {@code 2006/01/02 15:04:05 MST}, in the jumpbox's zone. */
    private static final DateTimeFormatter ACTIVITY_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss zzz");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String METADATA = "metadata";

    private final BackupFiles files;
    private final BackupMetadata metadata;
    /** Artifacts being written, committed when their checksums are recorded: one per drain in flight. */
    private final Map<ArtifactName, StoredFileWriter> pending = new ConcurrentHashMap<>();

    private BackupDirectory(BackupFiles files, BackupMetadata metadata) {
        this.files = files;
        this.metadata = metadata;
    }

    /** {@code NAME_YYYYMMDDTHHMMSSZ}, the timestamp in UTC. */
    public static String directoryName(String deployment, ZonedDateTime start) {
        return deployment + "_" + start.withZoneSameInstant(java.time.ZoneOffset.UTC).format(NAME_TIME);
    }

    /** Creates the backup {@code name} in {@code place} and writes metadata with the start time. */
    public static BackupDirectory create(ArtifactPlace place, String name, ZonedDateTime start) throws IOException {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime(start.format(ACTIVITY_TIME));
        BackupDirectory directory = new BackupDirectory(place.create(name), metadata);
        directory.save();
        return directory;
    }

    /** Opens the existing backup {@code name} of {@code place} for restore. */
    public static BackupDirectory open(ArtifactPlace place, String name) throws InvalidArtifactException {
        BackupFiles files;
        try {
            files = place.open(name);
        } catch (IOException e) {
            throw new InvalidArtifactException("Could not open backup: failed opening the directory: "
                    + e.getMessage());
        }
        String file = files.location() + "/" + METADATA;
        String text;
        try (InputStream in = files.open(METADATA)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidArtifactException("Could not open backup: " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new InvalidArtifactException("Could not open backup: " + file + ": " + e.getMessage());
        }
        try {
            return new BackupDirectory(files, MetadataYaml.read(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException("Could not open backup: " + file + " is not valid: " + e.getMessage());
        }
    }

    /** Where the backup is, as messages name it. */
    public String location() {
        return files.location();
    }

    /** Where one of its files is, as messages name it. */
    public String locationOf(String file) {
        return files.location() + "/" + file;
    }

    public String locationOf(ArtifactName artifact) {
        return locationOf(artifact.fileName());
    }

    public BackupMetadata metadata() {
        return metadata;
    }

    /** Whether the artifact's file is there. */
    public boolean has(ArtifactName artifact) throws IOException {
        return files.size(artifact.fileName()).isPresent();
    }

    /** The size of the artifact's file as stored. */
    public long storedSize(ArtifactName artifact) throws IOException {
        return files.size(artifact.fileName()).orElseThrow(() -> new NoSuchFileException(locationOf(artifact)));
    }

    /**
     * Starts writing an artifact's tar; closing the stream ends it, and {@link #record} makes it visible under its
     * name. Until then nothing under that name is there, and {@link #discard} drops what was written.
     */
    public OutputStream createArtifact(ArtifactName artifact) throws IOException {
        discard(artifact);
        StoredFileWriter writer = files.create(artifact.fileName());
        pending.put(artifact, writer);
        return new Unclosable(writer.stream());
    }

    /** Drops an artifact whose copy failed: half a file would look like an artifact. */
    public void discard(ArtifactName artifact) throws IOException {
        StoredFileWriter writer = pending.remove(artifact);
        if (writer != null) {
            writer.close();
        }
    }

    public InputStream openArtifact(ArtifactName artifact) throws IOException {
        return files.open(artifact.fileName());
    }

    public void writeManifest(String manifest) throws IOException {
        try (StoredFileWriter writer = files.create("manifest.yml")) {
            writer.stream().write(manifest.getBytes(StandardCharsets.UTF_8));
            writer.commit();
        }
    }

    /** Makes the artifact's file visible (if this run wrote it), then records its checksums in the metadata. */
    public void record(ArtifactName artifact, Checksums checksums) throws IOException {
        StoredFileWriter writer = pending.remove(artifact);
        if (writer != null) {
            try (writer) {
                writer.commit();
            }
        }
        synchronized (this) {
            metadata.record(artifact, checksums);
            save();
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
        save();
    }

    private synchronized void save() throws IOException {
        try (StoredFileWriter writer = files.create(METADATA)) {
            writer.stream().write(MetadataYaml.write(metadata).getBytes(StandardCharsets.UTF_8));
            writer.commit();
        }
    }

    /** The artifact cannot be used; the message says which file and why. */
    public static final class InvalidArtifactException extends Exception {
        public InvalidArtifactException(String message) {
            super(message);
        }
    }

    /** What a drain writes to: closing it ends the copy, while the file itself stays the writer's to commit. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
