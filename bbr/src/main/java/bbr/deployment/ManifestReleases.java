package bbr.deployment;

import bbr.instance.ReleaseResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Job releases, {@code bbr.backup_one_restore_all} and the instance groups read from a deployment manifest, in the
 * v2 ({@code instance_groups}) or v1 ({@code jobs} with {@code templates}) layout.
 */
final class ManifestReleases implements ReleaseResolver {

    private final Map<?, ?> manifest;

    private ManifestReleases(Map<?, ?> manifest) {
        this.manifest = manifest;
    }

    /** @throws IllegalArgumentException when the text is not a YAML mapping */
    static ManifestReleases parse(String text) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the deployment manifest is not a YAML mapping");
        }
        return new ManifestReleases(map);
    }

    /**
     * The instance groups that can have VMs, in manifest order: not errands ({@code lifecycle: errand}, whose VMs
     * exist only while the errand runs) and not scaled to {@code instances: 0}. The VM listing stays the truth; this
     * is what bbr may prepare for before it arrives.
     */
    List<String> groupsWithVms() {
        Object list = manifest.get(manifest.containsKey("instance_groups") ? "instance_groups" : "jobs");
        if (!(list instanceof List<?> entries)) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> group && group.get("name") != null
                    && !"errand".equals(String.valueOf(group.get("lifecycle")))
                    && !"0".equals(String.valueOf(group.get("instances")))) {
                groups.add(String.valueOf(group.get("name")));
            }
        }
        return groups;
    }

    @Override
    public Optional<String> releaseOf(String instanceGroup, String job) {
        return jobEntry(instanceGroup, job).map(entry -> entry.get("release")).map(Object::toString);
    }

    @Override
    public boolean backupOneRestoreAll(String instanceGroup, String job) {
        Optional<Map<?, ?>> properties = manifest.containsKey("instance_groups")
                ? jobEntry(instanceGroup, job).map(entry -> map(entry.get("properties")))
                : group("jobs", instanceGroup).map(g -> map(g.get("properties")));
        return properties.map(p -> map(p.get("bbr")).get("backup_one_restore_all"))
                .map(value -> Boolean.TRUE.equals(value) || "true".equals(value.toString()))
                .orElse(false);
    }

    private Optional<Map<?, ?>> jobEntry(String instanceGroup, String job) {
        boolean v2 = manifest.containsKey("instance_groups");
        return group(v2 ? "instance_groups" : "jobs", instanceGroup)
                .flatMap(g -> named(g.get(v2 ? "jobs" : "templates"), job));
    }

    private Optional<Map<?, ?>> group(String key, String name) {
        return named(manifest.get(key), name);
    }

    private static Optional<Map<?, ?>> named(Object list, String name) {
        if (!(list instanceof List<?> entries)) {
            return Optional.empty();
        }
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && name.equals(String.valueOf(map.get("name")))) {
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
