package bbr.artifact;

import bbr.artifact.store.StoredFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Reads {@code metadata} with SnakeYAML's event parser, one event at a time and without its size limit: the
 * structure (instances, artifacts, times, stored files) is kept, and each artifact's checksums only as a count and a
 * {@link Fingerprint}, its entries being streamed again from the file on demand ({@link MetadataChecksums}). Keys
 * tagged {@code !!binary} (file names that are not UTF-8, as yaml.v2 writes them) are decoded to their bytes; keys
 * the original does not know are skipped, as its reader skips them. Checksum blocks of ordinary names, nearly all of
 * a big file, are read line by line without the parser ({@link PlainChecksumBlocks}).
 */
public final class MetadataReader {

    private static final String BINARY_TAG = "tag:yaml.org,2002:binary";
    private static final String INCOMPLETE = "incomplete";

    /** A metadata text that can be read again from its start: the backup's file, or a string in tests. */
    public interface Source {
        Reader open() throws IOException;
    }

    private final Source source;
    private final Iterator<Event> events;
    /** When set, only this artifact's checksums are streamed, to {@link #sink}. */
    private final Target target;
    private final ChecksumSink sink;
    private int artifactOrdinal;

    /** The blocks read without the parser, which the text the parser reads has replaced; empty when none. */
    private final List<PlainChecksumBlocks.Block> plainBlocks;
    private int claimed;

    private MetadataReader(Source source, Reader reader, List<PlainChecksumBlocks.Block> plainBlocks, Target target,
                           ChecksumSink sink) {
        LoaderOptions options = new LoaderOptions();
        // The limit guards services against hostile input; a backup's own metadata is as big as its file count.
        options.setCodePointLimit(Integer.MAX_VALUE);
        this.source = source;
        this.events = new Yaml(options).parse(reader).iterator();
        this.plainBlocks = plainBlocks;
        this.target = target;
        this.sink = sink;
    }

    /** @throws IllegalArgumentException naming what is wrong, when the text is not a valid metadata file */
    public static BackupMetadata read(Source source) throws IOException {
        try {
            return parse(source, null, null);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("invalid YAML: " + e.getMessage().strip(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads the plain checksum blocks line by line and the rest with the parser; when that does not work out (the
     * file is invalid, or the scan misread it), parses the whole text, so that every error names the file's own
     * lines and nothing depends on the scan being right.
     */
    private static BackupMetadata parse(Source source, Target target, ChecksumSink sink) throws IOException {
        List<PlainChecksumBlocks.Block> blocks;
        try (Reader text = source.open()) {
            blocks = PlainChecksumBlocks.scan(text);
        }
        if (!blocks.isEmpty()) {
            try (Reader text = PlainChecksumBlocks.elide(source.open(), blocks)) {
                MetadataReader reader = new MetadataReader(source, text, blocks, target, sink);
                BackupMetadata metadata = reader.document();
                if (reader.claimed == blocks.size()) {
                    return metadata;
                }
            } catch (YAMLException | IllegalArgumentException e) {
                // parsed again below, without the shortcut
            }
        }
        return parseWhole(source, target, sink);
    }

    /** The whole text through the parser, as when no block qualifies. */
    private static BackupMetadata parseWhole(Source source, Target target, ChecksumSink sink) throws IOException {
        try (Reader text = source.open()) {
            return new MetadataReader(source, text, List.of(), target, sink).document();
        }
    }

    /** For tests: {@link #read} without the line scan. */
    static BackupMetadata readParsingEverything(Source source) throws IOException {
        return parseWhole(source, null, null);
    }

    /** A local file, read as a stream (tests and the benchmark read artifacts on disk). */
    public static BackupMetadata read(Path file) throws IOException {
        return read(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** For tests and small documents. @throws IllegalArgumentException as {@link #read(Source)} */
    public static BackupMetadata read(String text) {
        try {
            return read(() -> new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams the checksums of the {@code ordinal}-th artifact entry of the file again. */
    static void replay(Source source, int ordinal, ChecksumSink sink) throws IOException {
        try {
            parse(source, new Target(ordinal), sink);
        } catch (Done e) {
            return;
        } catch (YAMLException | IllegalArgumentException e) {
            throw new IOException("the metadata changed while it was read: " + e.getMessage().strip(), e);
        }
    }

    private record Target(int ordinal) {
    }

    private BackupMetadata document() throws IOException {
        BackupMetadata metadata = new BackupMetadata();
        Event event = next();
        while (event.is(Event.ID.StreamStart) || event.is(Event.ID.DocumentStart)) {
            event = next();
        }
        if (event.is(Event.ID.StreamEnd) || event.is(Event.ID.DocumentEnd)) {
            return metadata; // an empty file: no artifacts
        }
        if (event instanceof ScalarEvent scalar && scalar.getValue().isEmpty()) {
            return metadata;
        }
        expect(event, MappingStartEvent.class, "the top level");
        for (event = next(); !event.is(Event.ID.MappingEnd); event = next()) {
            String key = scalar(event, "a key of the top level");
            switch (key) {
                case "instances" -> instances(metadata);
                case "custom_artifacts" -> customArtifacts(metadata);
                case "backup_activity" -> activity(metadata);
                case "manifest" -> metadata.setManifest(stored(next(), "manifest"));
                default -> skip(next());
            }
        }
        return metadata;
    }

    private void instances(BackupMetadata metadata) throws IOException {
        Event event = next();
        if (isNull(event)) {
            return;
        }
        expect(event, SequenceStartEvent.class, "instances");
        for (event = next(); !event.is(Event.ID.SequenceEnd); event = next()) {
            expect(event, MappingStartEvent.class, "an entry of instances");
            String name = null;
            String index = null;
            for (Event field = next(); !field.is(Event.ID.MappingEnd); field = next()) {
                String key = scalar(field, "a key of an instance");
                switch (key) {
                    case "name" -> name = scalar(next(), "instances[].name");
                    case "index" -> index = scalar(next(), "index of instance " + name);
                    case "artifacts" -> {
                        requireNonNull(name, "instances[].name");
                        requireNonNull(index, "index of instance " + name);
                        artifacts(metadata, name, index);
                    }
                    default -> skip(next());
                }
            }
            requireNonNull(name, "instances[].name");
            requireNonNull(index, "index of instance " + name);
        }
    }

    private void artifacts(BackupMetadata metadata, String group, String index) throws IOException {
        String owner = group + "/" + index;
        Event event = next();
        if (isNull(event)) {
            return;
        }
        expect(event, SequenceStartEvent.class, "artifacts of instance " + owner);
        for (event = next(); !event.is(Event.ID.SequenceEnd); event = next()) {
            expect(event, MappingStartEvent.class, "an artifact of instance " + owner);
            artifact(metadata, owner, job -> ArtifactName.ofInstance(group, index, job),
                    "an artifact name of instance " + owner);
        }
    }

    private void customArtifacts(BackupMetadata metadata) throws IOException {
        Event event = next();
        if (isNull(event)) {
            return;
        }
        expect(event, SequenceStartEvent.class, "custom_artifacts");
        for (event = next(); !event.is(Event.ID.SequenceEnd); event = next()) {
            expect(event, MappingStartEvent.class, "an entry of custom_artifacts");
            artifact(metadata, null, ArtifactName::custom, "custom_artifacts[].name");
        }
    }

    /** One artifact mapping, its start already read. */
    private void artifact(BackupMetadata metadata, String owner, java.util.function.Function<String, ArtifactName> naming,
                          String nameField) throws IOException {
        int ordinal = artifactOrdinal++;
        String name = null;
        ChecksumSet checksums = null;
        StoredFile stored = null;
        for (Event field = next(); !field.is(Event.ID.MappingEnd); field = next()) {
            String key = scalar(field, "a key of an artifact");
            switch (key) {
                case "name" -> name = scalar(next(), nameField);
                case "checksums" -> checksums = checksums(ordinal, (owner == null ? "" : owner + " ")
                        + Objects.requireNonNullElse(name, "an artifact"));
                case "stored" -> stored = stored(next(), "stored of " + (owner == null ? "" : owner + " ")
                        + Objects.requireNonNullElse(name, "an artifact"));
                default -> skip(next());
            }
        }
        requireNonNull(name, nameField);
        metadata.record(naming.apply(name), checksums, stored);
    }

    private ChecksumSet checksums(int ordinal, String owner) throws IOException {
        Event event = next();
        if (isNull(event)) {
            return null; // "checksums:" with nothing: as if the key were missing
        }
        boolean wanted = target != null && target.ordinal() == ordinal;
        if (event instanceof ScalarEvent scalar && PlainChecksumBlocks.TAG.equals(scalar.getTag())) {
            PlainChecksumBlocks.Block block = claim(scalar.getValue());
            if (wanted) {
                // a replay finds its artifact's block plain where the first read parsed it
                throw new IllegalArgumentException("the checksums of " + owner + " are not where they were");
            }
            return new PlainChecksumBlocks.BlockChecksums(source, block);
        }
        expect(event, MappingStartEvent.class, "checksums of " + owner);
        Fingerprint.Accumulator fingerprint = new Fingerprint.Accumulator();
        for (event = next(); !event.is(Event.ID.MappingEnd); event = next()) {
            byte[] file = bytes(event, "a file name in the checksums of " + owner);
            byte[] sum = bytes(next(), "the checksum of " + FileNames.canonical(file) + " in " + owner);
            if (wanted) {
                sink.accept(file, sum);
            } else if (target == null) {
                fingerprint.accept(file, sum);
            }
        }
        if (wanted) {
            throw new Done();
        }
        return target == null ? new MetadataChecksums(fingerprint.fingerprint(), source, ordinal) : null;
    }

    /** The block a tagged scalar stands for: the next one in file order, or the scan misread the file. */
    private PlainChecksumBlocks.Block claim(String index) {
        if (claimed >= plainBlocks.size() || !index.equals(Integer.toString(claimed))) {
            throw new IllegalArgumentException("a checksums block where none was scanned");
        }
        return plainBlocks.get(claimed++);
    }

    /** Ends a replay once its artifact's checksums have passed: the rest of the file is not needed. */
    private static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }

    private StoredFile stored(Event event, String what) throws IOException {
        expect(event, MappingStartEvent.class, what);
        Map<String, String> fields = new java.util.HashMap<>();
        for (Event field = next(); !field.is(Event.ID.MappingEnd); field = next()) {
            String key = scalar(field, "a key of " + what);
            Event value = next();
            if (value instanceof ScalarEvent) {
                fields.put(key, scalar(value, what + "." + key));
            } else {
                skip(value);
            }
        }
        long size;
        try {
            size = Long.parseLong(Objects.requireNonNullElse(fields.get("size"), ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("missing or invalid " + what + ".size");
        }
        for (String key : new String[] {"file", "encoding", "sha256"}) {
            requireNonNull(fields.get(key), what + "." + key);
        }
        return new StoredFile(fields.get("file"), fields.get("encoding"), size, fields.get("sha256"));
    }

    private void activity(BackupMetadata metadata) throws IOException {
        Event event = next();
        if (!(event instanceof MappingStartEvent)) {
            skip(event);
            return;
        }
        for (Event field = next(); !field.is(Event.ID.MappingEnd); field = next()) {
            String key = scalar(field, "a key of backup_activity");
            Event value = next();
            if (!(value instanceof ScalarEvent scalar) || isNull(value)) {
                skip(value);
                continue;
            }
            switch (key) {
                case "start_time" -> metadata.setStartTime(scalar.getValue());
                case "finish_time" -> metadata.setFinishTime(scalar.getValue());
                case INCOMPLETE -> {
                    if (scalar.getValue().equals("true")) {
                        metadata.markIncomplete();
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Skips one node, however deep, its first event already read. */
    private void skip(Event event) {
        int depth = 0;
        do {
            if (event.is(Event.ID.MappingStart) || event.is(Event.ID.SequenceStart)) {
                depth++;
            } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                depth--;
            }
            if (depth > 0) {
                event = next();
            }
        } while (depth > 0);
    }

    private static String scalar(Event event, String what) {
        if (!(event instanceof ScalarEvent scalar) || isNull(event)) {
            throw new IllegalArgumentException("missing or invalid " + what);
        }
        return scalar.getValue();
    }

    /** A scalar's bytes: base64-decoded for {@code !!binary}, as yaml.v2 decodes it into a Go string. */
    private static byte[] bytes(Event event, String what) {
        if (!(event instanceof ScalarEvent scalar)) {
            throw new IllegalArgumentException("missing or invalid " + what);
        }
        if (BINARY_TAG.equals(scalar.getTag())) {
            try {
                return Base64.getMimeDecoder().decode(scalar.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid !!binary value for " + what + ": " + e.getMessage());
            }
        }
        return scalar.getValue().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isNull(Event event) {
        if (!(event instanceof ScalarEvent scalar) || !scalar.getImplicit().canOmitTagInPlainScalar()) {
            return false;
        }
        String value = scalar.getValue();
        return value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
                || value.equals("NULL");
    }

    private static void expect(Event event, Class<? extends Event> type, String what) {
        if (!type.isInstance(event)) {
            String got = event instanceof ScalarEvent scalar ? "'" + scalar.getValue() + "'" : "a " + kind(event);
            throw new IllegalArgumentException("expected " + (type == MappingStartEvent.class ? "a mapping" : "a list")
                    + " for " + what + ", got " + got);
        }
    }

    private static String kind(Event event) {
        return event.is(Event.ID.SequenceStart) ? "list" : event.is(Event.ID.MappingStart) ? "mapping" : "node";
    }

    private static void requireNonNull(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("missing or invalid " + what);
        }
    }

    private Event next() {
        if (!events.hasNext()) {
            throw new IllegalArgumentException("invalid YAML: the document ends too early");
        }
        return events.next();
    }
}
