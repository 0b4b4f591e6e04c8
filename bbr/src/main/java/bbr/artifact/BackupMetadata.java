package bbr.artifact;

import bbr.artifact.store.StoredFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of an artifact's {@code metadata} file: which artifacts it holds with their checksums, and when
 * the backup ran. Thread-safe: drains of different jobs record their checksums concurrently.
 */
public final class BackupMetadata {

    /** One instance's entry under {@code instances}. */
    public record InstanceEntry(String name, String index, List<ArtifactEntry> artifacts) {
    }

    /**
     * One artifact with its checksums; {@code checksums} is {@code null} when the file lacks the key, which
     * restore reports as such rather than as a mismatch. {@code stored} only for a compressed or encrypted file.
     */
    public record ArtifactEntry(String name, Checksums checksums, StoredFile stored) {
        public ArtifactEntry(String name, Checksums checksums) {
            this(name, checksums, null);
        }
    }

    private final List<InstanceEntry> instances = new ArrayList<>();
    private final List<ArtifactEntry> customArtifacts = new ArrayList<>();
    private String startTime;
    private String finishTime;
    private boolean incomplete;
    private StoredFile manifest;

    public synchronized void setStartTime(String time) {
        startTime = time;
    }

    public synchronized void setFinishTime(String time) {
        finishTime = time;
    }

    /** Marks a backup that failed: it must not be mistaken for a whole one. */
    public synchronized void markIncomplete() {
        incomplete = true;
    }

    public synchronized boolean incomplete() {
        return incomplete;
    }

    /** While a backup runs its metadata says incomplete, so that a crash leaves nothing that looks whole. */
    public synchronized void setIncomplete(boolean value) {
        incomplete = value;
    }

    /** The encrypted manifest ({@code manifest.yml.age}), when there is one. */
    public synchronized Optional<StoredFile> manifest() {
        return Optional.ofNullable(manifest);
    }

    public synchronized void setManifest(StoredFile stored) {
        manifest = stored;
    }

    public synchronized Optional<String> startTime() {
        return Optional.ofNullable(startTime);
    }

    public synchronized Optional<String> finishTime() {
        return Optional.ofNullable(finishTime);
    }

    public synchronized void record(ArtifactName artifact, Checksums checksums) {
        record(artifact, checksums, null);
    }

    public synchronized void record(ArtifactName artifact, Checksums checksums, StoredFile stored) {
        ArtifactEntry entry = new ArtifactEntry(artifact.name(), checksums, stored);
        if (artifact.isCustom()) {
            customArtifacts.add(entry);
            return;
        }
        InstanceEntry instance = instances.stream()
                .filter(i -> i.name().equals(artifact.group()) && i.index().equals(artifact.index()))
                .findFirst().orElseGet(() -> {
                    InstanceEntry created = new InstanceEntry(artifact.group(), artifact.index(), new ArrayList<>());
                    instances.add(created);
                    return created;
                });
        instance.artifacts().add(entry);
    }

    /** The entry of an artifact, if the metadata lists it. */
    public synchronized Optional<ArtifactEntry> find(ArtifactName artifact) {
        if (artifact.isCustom()) {
            return customArtifacts.stream().filter(a -> a.name().equals(artifact.name())).findFirst();
        }
        return instances.stream()
                .filter(i -> i.name().equals(artifact.group()) && i.index().equals(artifact.index()))
                .flatMap(i -> i.artifacts().stream())
                .filter(a -> a.name().equals(artifact.name()))
                .findFirst();
    }

    /** Every artifact the metadata lists, instance artifacts first, as the original validates them. */
    public synchronized List<ArtifactName> artifacts() {
        List<ArtifactName> names = new ArrayList<>();
        for (InstanceEntry instance : instances) {
            for (ArtifactEntry artifact : instance.artifacts()) {
                names.add(ArtifactName.ofInstance(instance.name(), instance.index(), artifact.name()));
            }
        }
        customArtifacts.forEach(a -> names.add(ArtifactName.custom(a.name())));
        return names;
    }

    public synchronized List<InstanceEntry> instances() {
        return instances.stream()
                .map(i -> new InstanceEntry(i.name(), i.index(), List.copyOf(i.artifacts())))
                .toList();
    }

    public synchronized List<ArtifactEntry> customArtifacts() {
        return List.copyOf(customArtifacts);
    }

    /** True when the backup has an artifact for the instance group and index. */
    public synchronized boolean hasInstance(String group, String index) {
        return instances.stream().anyMatch(i -> i.name().equals(group) && Objects.equals(i.index(), index));
    }
}
