package bbr.artifact;

import bbr.artifact.goyaml.GoScalar;
import bbr.artifact.goyaml.GoYamlEmitter;
import bbr.artifact.store.StoredFile;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams {@code metadata} as the original writes it: its Go structs' field order (instances, custom_artifacts,
 * backup_activity), each artifact's checksums in yaml.v2's key order, every scalar styled and folded as yaml.v2
 * does. The checksums come from each artifact's {@link ChecksumSet}, one entry at a time, so a metadata of a million
 * files is written in the memory of one.
 */
public final class MetadataWriter {

    private static final String INCOMPLETE = "incomplete";

    private final GoYamlEmitter emitter;

    private MetadataWriter(OutputStream out) {
        this.emitter = new GoYamlEmitter(out);
    }

    /** Writes the whole document to {@code out}, flushed but not closed. */
    public static void write(BackupMetadata metadata, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        new MetadataWriter(buffered).document(metadata);
        buffered.flush();
    }

    /** The whole document as text: for tests and small documents. */
    public static String text(BackupMetadata metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(metadata, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void document(BackupMetadata metadata) throws IOException {
        emitter.mapping();
        List<BackupMetadata.InstanceEntry> instances = metadata.instances();
        if (!instances.isEmpty()) {
            emitter.key(GoScalar.of("instances"));
            emitter.sequence();
            for (BackupMetadata.InstanceEntry instance : instances) {
                emitter.item();
                emitter.mapping();
                entry("name", instance.name());
                entry("index", instance.index());
                emitter.key(GoScalar.of("artifacts"));
                artifacts(instance.artifacts());
                emitter.end();
            }
            emitter.end();
        }
        List<BackupMetadata.ArtifactEntry> custom = metadata.customArtifacts();
        if (!custom.isEmpty()) {
            emitter.key(GoScalar.of("custom_artifacts"));
            artifacts(custom);
        }
        emitter.key(GoScalar.of("backup_activity"));
        emitter.mapping();
        entry("start_time", metadata.startTime().orElse(""));
        if (metadata.finishTime().isPresent()) {
            entry("finish_time", metadata.finishTime().get());
        }
        if (metadata.incomplete()) {
            // Not in the original's layout, which it ignores when reading: while a backup runs, and for a failed one.
            emitter.key(GoScalar.of(INCOMPLETE));
            emitter.scalar(GoScalar.ofBool(true));
        }
        emitter.end();
        if (metadata.manifest().isPresent()) {
            emitter.key(GoScalar.of("manifest"));
            stored(metadata.manifest().get());
        }
        emitter.end();
        emitter.finish();
    }

    private void artifacts(List<BackupMetadata.ArtifactEntry> artifacts) throws IOException {
        if (artifacts.isEmpty()) {
            emitter.emptySequence();
            return;
        }
        emitter.sequence();
        for (BackupMetadata.ArtifactEntry artifact : artifacts) {
            emitter.item();
            emitter.mapping();
            entry("name", artifact.name());
            emitter.key(GoScalar.of("checksums"));
            checksums(artifact.checksums());
            if (artifact.stored() != null) {
                emitter.key(GoScalar.of("stored"));
                stored(artifact.stored());
            }
            emitter.end();
        }
        emitter.end();
    }

    /** A map in yaml.v2's key order; a missing one is a nil Go map, which yaml.v2 writes as {@code {}}. */
    private void checksums(ChecksumSet checksums) throws IOException {
        if (checksums == null || checksums.count() == 0) {
            emitter.emptyMapping();
            return;
        }
        emitter.mapping();
        checksums.replay((name, sum) -> {
            emitter.key(GoScalar.ofBytes(name));
            emitter.scalar(GoScalar.ofBytes(sum));
        });
        emitter.end();
    }

    private void stored(StoredFile stored) throws IOException {
        emitter.mapping();
        entry("file", stored.file());
        entry("encoding", stored.encoding());
        emitter.key(GoScalar.of("size"));
        emitter.scalar(GoScalar.ofInt(stored.size()));
        entry("sha256", stored.sha256());
        emitter.end();
    }

    private void entry(String key, String value) throws IOException {
        emitter.key(GoScalar.of(key));
        emitter.scalar(GoScalar.of(value));
    }
}
