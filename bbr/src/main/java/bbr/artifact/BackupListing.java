package bbr.artifact;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bbr list}: the backups an {@link ArtifactPlace} holds, each read from its metadata (streamed, so a backup
 * of millions of files costs no more memory than one of ten) and its stored files' sizes, oldest first.
 */
public final class BackupListing {

    /** {@code DEPLOYMENT_YYYYMMDDTHHMMSSZ}, the timestamp in UTC: how backups are named, and ordered. */
    private static final Pattern NAME = Pattern.compile("(.+)_(\\d{8}T\\d{6}Z)");

    /**
     * One backup. {@code complete}: its metadata is there and says it finished; a backup in object storage that
     * did not finish has no metadata object, one on disk says {@code incomplete: true}.
     *
     * @param startTime  as the metadata records it; null when there is none
     * @param finishTime likewise
     * @param encoding   {@code plain}, {@code zstd}, {@code age} or {@code zstd+age}, as its artifacts are stored;
     *                   null when there is no metadata to say
     * @param problem    why it is incomplete when the metadata does not say (missing, unreadable); else null
     */
    public record Entry(String name, String deployment, String startTime, String finishTime, long storedBytes,
                        String encoding, boolean complete, String problem) {
    }

    private BackupListing() {
    }

    /** Every backup of {@code place}, oldest first (by the timestamp in its name). */
    public static List<Entry> of(ArtifactPlace place) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String name : place.backups()) {
            if (NAME.matcher(name).matches()) {
                entries.add(entry(name, place.open(name)));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> stamp(e.name())).thenComparing(Entry::name));
        return entries;
    }

    private static Entry entry(String name, BackupFiles files) throws IOException {
        long stored = 0;
        for (String file : files.list()) {
            stored += files.size(file).orElse(0);
        }
        Matcher matcher = NAME.matcher(name);
        String deployment = matcher.matches() ? matcher.group(1) : name;
        BackupMetadata metadata;
        try {
            metadata = MetadataReader.read(() -> new BufferedReader(new InputStreamReader(
                    files.open(BackupDirectory.METADATA), StandardCharsets.UTF_8), 1 << 16));
        } catch (NoSuchFileException e) {
            return new Entry(name, deployment, null, null, stored, null, false, "no metadata");
        } catch (IOException | IllegalArgumentException e) {
            return new Entry(name, deployment, null, null, stored, null, false, "unreadable metadata: "
                    + e.getMessage());
        }
        return new Entry(name, deployment, metadata.startTime().orElse(null), metadata.finishTime().orElse(null),
                stored, encoding(metadata), !metadata.incomplete(), null);
    }

    private static String encoding(BackupMetadata metadata) {
        TreeSet<String> encodings = Stream.concat(metadata.instances().stream()
                        .flatMap(instance -> instance.artifacts().stream()), metadata.customArtifacts().stream())
                .map(BackupMetadata.ArtifactEntry::stored).filter(Objects::nonNull)
                .map(stored -> stored.encoding()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        return encodings.isEmpty() ? "plain" : String.join(",", encodings);
    }

    private static String stamp(String name) {
        Matcher matcher = NAME.matcher(name);
        return matcher.matches() ? matcher.group(2) : "";
    }
}
