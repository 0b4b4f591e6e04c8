package bbr.artifact;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFiles;
import bbr.artifact.store.Copies;
import bbr.artifact.store.CopyReport;
import bbr.artifact.store.Decoding;
import bbr.artifact.store.Encoding;
import bbr.artifact.store.StoredFile;
import bbr.artifact.store.StoredFileWriter;
import bbr.artifact.store.StoredStreams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One backup artifact in an {@link ArtifactPlace}: the job tars and the {@code metadata} file, every byte reached
 * through {@link BackupFiles} and the stream stages {@link StoredStreams} composes.
 *
 * <p>The metadata is written twice, each time whole and atomically (the place's writer: a temporary name, forced to
 * disk and renamed): when the backup is created, with the start time and {@code incomplete: true}, and when it is
 * {@linkplain #seal sealed} (or {@linkplain #finish finished} after a failure), with every artifact's checksums.
 * Until then the artifact says it is incomplete, so a run that dies half way (power loss, {@code kill -9}) never
 * leaves one that looks whole. Rewriting it after every job, as the original does, would write every earlier job's
 * checksums again each time; they wait instead in spill files in a private {@link Scratch} directory, removed when
 * the backup ends. In object storage the provisional writes keep nothing ({@link BackupFiles#createProvisional}):
 * the metadata object is written once, last, so a backup there that did not finish has none.
 */
public final class BackupDirectory implements AutoCloseable {

    /** The original's Go layout {@code 2006/01/02 15:04:05 MST}, in the jumpbox's zone. */
    private static final DateTimeFormatter ACTIVITY_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss zzz");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    public static final String METADATA = "metadata";
    public static final String MANIFEST = "manifest.yml";

    private final BackupFiles files;
    private final BackupMetadata metadata;
    private final Encoding encoding;
    private final Decoding decoding;
    private final Scratch scratch;
    /** Artifacts being written, committed when their checksums are recorded: one per drain in flight. */
    private final Map<ArtifactName, StoredStreams.Writing> pending = new ConcurrentHashMap<>();
    private final List<SpilledChecksums> spills = new ArrayList<>();
    private boolean sealed;

    private BackupDirectory(BackupFiles files, BackupMetadata metadata, Encoding encoding, Decoding decoding,
                            Scratch scratch) {
        this.files = files;
        this.metadata = metadata;
        this.encoding = encoding;
        this.decoding = decoding;
        this.scratch = scratch;
    }

    /** {@code NAME_YYYYMMDDTHHMMSSZ}, the timestamp in UTC. */
    public static String directoryName(String deployment, ZonedDateTime start) {
        return deployment + "_" + start.withZoneSameInstant(java.time.ZoneOffset.UTC).format(NAME_TIME);
    }

    /**
     * Creates the backup {@code name} in {@code place}, its files to be stored with {@code encoding}; its checksums
     * spill to the backup's own disk when the place is local.
     */
    public static BackupDirectory create(ArtifactPlace place, String name, ZonedDateTime start, Encoding encoding)
            throws IOException {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime(start.format(ACTIVITY_TIME));
        metadata.setIncomplete(true);
        BackupFiles files = place.create(name);
        Scratch scratch = files.scratchDirectory().map(Scratch::new).orElseGet(Scratch::temporary);
        BackupDirectory directory = new BackupDirectory(files, metadata, encoding, Decoding.PLAIN_ONLY, scratch);
        directory.save(true);
        return directory;
    }

    /**
     * Opens the existing backup {@code name} of {@code place}, to be read with {@code decoding}. The metadata is
     * read as a stream, each artifact's checksums kept as a count and a fingerprint; the temporary files of the run
     * go to {@code java.io.tmpdir}, as restore and verify may read from a place they cannot write to.
     */
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
        try {
            BackupMetadata metadata = MetadataReader.read(() -> new BufferedReader(new InputStreamReader(
                    files.open(METADATA), StandardCharsets.UTF_8), 1 << 16));
            return new BackupDirectory(files, metadata, Encoding.PLAIN, decoding, Scratch.temporary());
        } catch (NoSuchFileException e) {
            throw new InvalidArtifactException("Could not open backup: " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new InvalidArtifactException("Could not open backup: " + file + ": " + e.getMessage());
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

    /** With {@code --copy-to}: which copies of the backup are good so far. */
    public Optional<CopyReport> copies() {
        return files instanceof Copies copies ? Optional.of(copies.report()) : Optional.empty();
    }

    public BackupMetadata metadata() {
        return metadata;
    }

    /** Where checksums spill while the run lasts. */
    public Scratch scratch() {
        return scratch;
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

    /** Writes the manifest; an encoded one is recorded in the metadata written when the backup ends. */
    public void writeManifest(String manifest) throws IOException {
        Encoding manifestEncoding = encoding.forManifest();
        String file = MANIFEST + manifestEncoding.suffix();
        StoredStreams.Writing writing = StoredStreams.write(files.create(file), manifestEncoding);
        try {
            writing.plain().write(manifest.getBytes(StandardCharsets.UTF_8));
            StoredStreams.Stored stored = writing.finish();
            if (!manifestEncoding.isPlain()) {
                metadata.setManifest(new StoredFile(file, manifestEncoding.name(), stored.size(), stored.sha256()));
            }
        } finally {
            writing.discard();
        }
    }

    /**
     * Makes the artifact's file visible (if this run wrote it), whole and on disk, then records its verified
     * checksums; they are written with the rest of the metadata when the backup ends.
     */
    public void record(ArtifactName artifact, ChecksumSet checksums) throws IOException {
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
            if (checksums instanceof SpilledChecksums spilled) {
                spills.add(spilled);
            }
        }
    }

    /**
     * Declares the backup whole, every artifact recorded, at {@code time}: writes the final metadata, without
     * {@code incomplete}. Once this returns, data, metadata and directory are on disk, and "Backup created" may be
     * said. The finish time is the seal's (the original's is a moment later, after the VMs' cleanup).
     */
    public synchronized void seal(ZonedDateTime time) throws IOException {
        metadata.setFinishTime(time.format(ACTIVITY_TIME));
        metadata.setIncomplete(false);
        save(false);
        sealed = true;
    }

    /**
     * Ends the run: unless the backup was sealed, records the finish time and that it is incomplete (some job's
     * artifact is missing), so a partial artifact is never taken as whole; then removes the run's temporary files.
     */
    public synchronized void finish(ZonedDateTime time) throws IOException {
        try {
            if (!sealed) {
                metadata.setFinishTime(time.format(ACTIVITY_TIME));
                metadata.setIncomplete(true);
                save(true);
            }
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

    /** Writes the metadata; {@code provisional}: it says the backup is unfinished, where the place keeps that. */
    private synchronized void save(boolean provisional) throws IOException {
        try (StoredFileWriter writer = provisional ? files.createProvisional(METADATA) : files.create(METADATA)) {
            MetadataWriter.write(metadata, writer.stream());
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
