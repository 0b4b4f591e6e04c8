package bbr.artifact;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFiles;
import bbr.artifact.store.Decoding;
import bbr.artifact.store.Encoding;
import bbr.artifact.store.StoredFile;
import bbr.artifact.store.StoredFileWriter;
import bbr.artifact.store.StoredStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One backup artifact in an {@link ArtifactPlace}: the job tars and the {@code metadata} file, every byte reached
 * through {@link BackupFiles} and the stream stages {@link StoredStreams} composes. Metadata is rewritten (atomically)
 * after every change, and says {@code incomplete} until the backup is {@linkplain #seal sealed}, so that neither an
 * interrupted backup nor a crash leaves an artifact that looks whole and is not.
 */
public final class BackupDirectory {

    /** The original's Go layout {@code 2006/01/02 15:04:05 MST}, in the jumpbox's zone. */
    private static final DateTimeFormatter ACTIVITY_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss zzz");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    public static final String METADATA = "metadata";
    public static final String MANIFEST = "manifest.yml";

    private final BackupFiles files;
    private final BackupMetadata metadata;
    private final Encoding encoding;
    private final Decoding decoding;
    /** Artifacts being written, committed when their checksums are recorded: one per drain in flight. */
    private final Map<ArtifactName, StoredStreams.Writing> pending = new ConcurrentHashMap<>();

    private BackupDirectory(BackupFiles files, BackupMetadata metadata, Encoding encoding, Decoding decoding) {
        this.files = files;
        this.metadata = metadata;
        this.encoding = encoding;
        this.decoding = decoding;
    }

    /** {@code NAME_YYYYMMDDTHHMMSSZ}, the timestamp in UTC. */
    public static String directoryName(String deployment, ZonedDateTime start) {
        return deployment + "_" + start.withZoneSameInstant(java.time.ZoneOffset.UTC).format(NAME_TIME);
    }

    /** Creates the backup {@code name} in {@code place}, its files to be stored with {@code encoding}. */
    public static BackupDirectory create(ArtifactPlace place, String name, ZonedDateTime start, Encoding encoding)
            throws IOException {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime(start.format(ACTIVITY_TIME));
        metadata.setIncomplete(true);
        BackupDirectory directory = new BackupDirectory(place.create(name), metadata, encoding, Decoding.PLAIN_ONLY);
        directory.save();
        return directory;
    }

    /** Opens the existing backup {@code name} of {@code place}, to be read with {@code decoding}. */
    public static BackupDirectory open(ArtifactPlace place, String name, Decoding decoding)
            throws InvalidArtifactException {
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
            return new BackupDirectory(files, MetadataYaml.read(text), Encoding.PLAIN, decoding);
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

    /** Where the artifact's stored file is, as messages name it. */
    public String locationOf(ArtifactName artifact) {
        return locationOf(fileOf(artifact));
    }

    public BackupMetadata metadata() {
        return metadata;
    }

    /** The names of every file the backup holds. */
    public List<String> fileNames() throws IOException {
        return files.list();
    }

    /**
     * The file that holds the artifact: the stored file metadata names, or {@code NAME.tar} for a plain artifact and
     * for one whose operator decrypted and decompressed it back to the plain tar.
     */
    public String fileOf(ArtifactName artifact) {
        return source(artifact).file();
    }

    /** What metadata records of the artifact's stored file, unless it is plain (or read as the plain tar). */
    public Optional<StoredFile> storedOf(ArtifactName artifact) {
        return Optional.ofNullable(source(artifact).stored());
    }

    /** Whether the artifact's file is there. */
    public boolean has(ArtifactName artifact) throws IOException {
        return files.size(checkedName(fileOf(artifact))).isPresent();
    }

    /** The size of the artifact's file as stored. */
    public long storedSize(ArtifactName artifact) throws IOException {
        String file = checkedName(fileOf(artifact));
        return files.size(file).orElseThrow(() -> new NoSuchFileException(locationOf(file)));
    }

    /**
     * Starts writing an artifact's tar; closing the stream ends it, and {@link #record} makes it visible under its
     * name. Until then nothing under that name is there, and {@link #discard} drops what was written.
     */
    public OutputStream createArtifact(ArtifactName artifact) throws IOException {
        discard(artifact);
        StoredStreams.Writing writing = StoredStreams.write(files.create(artifact.fileName() + encoding.suffix()),
                encoding);
        pending.put(artifact, writing);
        return writing.plain();
    }

    /** Drops an artifact whose copy failed: half a file would look like an artifact. */
    public void discard(ArtifactName artifact) throws IOException {
        StoredStreams.Writing writing = pending.remove(artifact);
        if (writing != null) {
            writing.discard();
        }
    }

    /** The artifact's plain tar, decoded as it is read; at its end, the stored bytes are checked against metadata. */
    public InputStream openArtifact(ArtifactName artifact) throws IOException {
        return openArtifact(artifact, UnaryOperator.identity());
    }

    /** Like {@link #openArtifact(ArtifactName)}; {@code onStored} wraps the stored bytes (to count them). */
    public InputStream openArtifact(ArtifactName artifact, UnaryOperator<InputStream> onStored) throws IOException {
        Source source = source(artifact);
        String file = checkedName(source.file());
        return StoredStreams.read(files.open(file), source.encoding(), source.stored(), decoding, locationOf(file),
                onStored);
    }

    /** The encrypted manifest's plain text is never needed by bbr: only its stored bytes are checked. */
    public InputStream openStored(String file) throws IOException {
        return files.open(checkedName(file));
    }

    public void writeManifest(String manifest) throws IOException {
        Encoding manifestEncoding = encoding.forManifest();
        String file = MANIFEST + manifestEncoding.suffix();
        StoredStreams.Writing writing = StoredStreams.write(files.create(file), manifestEncoding);
        try {
            writing.plain().write(manifest.getBytes(StandardCharsets.UTF_8));
            StoredStreams.Stored stored = writing.finish();
            if (!manifestEncoding.isPlain()) {
                synchronized (this) {
                    metadata.setManifest(new StoredFile(file, manifestEncoding.name(), stored.size(),
                            stored.sha256()));
                    save();
                }
            }
        } finally {
            writing.discard();
        }
    }

    /** Makes the artifact's file visible (if this run wrote it), then records its checksums in the metadata. */
    public void record(ArtifactName artifact, Checksums checksums) throws IOException {
        StoredStreams.Writing writing = pending.remove(artifact);
        StoredFile stored = null;
        if (writing != null) {
            try {
                StoredStreams.Stored written = writing.finish();
                if (!encoding.isPlain()) {
                    stored = new StoredFile(artifact.fileName() + encoding.suffix(), encoding.name(), written.size(),
                            written.sha256());
                }
            } finally {
                writing.discard();
            }
        }
        synchronized (this) {
            metadata.record(artifact, checksums, stored);
            save();
        }
    }

    /**
     * Declares the backup whole: every artifact recorded. Until then the metadata on disk says {@code incomplete}.
     * Once this returns, data, metadata and directory are on disk, and "Backup created" may be said.
     */
    public synchronized void seal() throws IOException {
        metadata.setIncomplete(false);
        save();
    }

    /**
     * Records the finish time, and whether some job's artifact is missing, so a partial artifact is never taken
     * as whole.
     */
    public synchronized void finish(ZonedDateTime time, boolean incomplete) throws IOException {
        metadata.setFinishTime(time.format(ACTIVITY_TIME));
        metadata.setIncomplete(incomplete);
        save();
    }

    private synchronized void save() throws IOException {
        try (StoredFileWriter writer = files.create(METADATA)) {
            writer.stream().write(MetadataYaml.write(metadata).getBytes(StandardCharsets.UTF_8));
            writer.commit();
        }
    }

    private Source source(ArtifactName artifact) {
        StoredFile stored = metadata.find(artifact).map(BackupMetadata.ArtifactEntry::stored).orElse(null);
        if (stored == null) {
            return new Source(artifact.fileName(), "", null);
        }
        try {
            if (files.size(checkedName(stored.file())).isEmpty() && files.size(artifact.fileName()).isPresent()) {
                return new Source(artifact.fileName(), "", null);
            }
        } catch (IOException e) {
            // reading the stored file will fail with a message that names it
        }
        return new Source(stored.file(), stored.encoding(), stored);
    }

    /** A name from metadata must stay inside the backup. */
    private String checkedName(String file) throws IOException {
        if (file.isEmpty() || file.contains("/") || file.equals(".") || file.equals("..")) {
            throw new IOException("the metadata of " + location() + " names the stored file '" + file
                    + "', which is not a file name of the backup");
        }
        return file;
    }

    private record Source(String file, String encoding, StoredFile stored) {
    }

    /** The artifact cannot be used; the message says which file and why. */
    public static final class InvalidArtifactException extends Exception {
        public InvalidArtifactException(String message) {
            super(message);
        }
    }
}
