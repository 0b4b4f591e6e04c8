package bbr.artifact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import bbr.artifact.store.StoredFile;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes {@code metadata} in the layout the original's yaml.v2 produces: keys in struct order,
 * checksums sorted, sequences not indented under their key, and strings that would read as numbers or
 * booleans in double quotes ({@code index: "0"}), so that the original can restore what we write.
 */
public final class MetadataYaml {

    private static final Pattern NEEDS_QUOTES = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+)"
                    + "|\\.(inf|Inf|INF|nan|NaN|NAN)|[-+]\\.(inf|Inf|INF)"
                    + "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
                    + "|~|null|Null|NULL|");

    private static final String INCOMPLETE = "incomplete";
    /** Keys the original's reader ignores: only for compressed or encrypted files (issue #12). */
    private static final String STORED = "stored";
    private static final String MANIFEST = "manifest";

    private MetadataYaml() {
    }

    public static String write(BackupMetadata metadata) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> instances = new ArrayList<>();
        for (BackupMetadata.InstanceEntry instance : metadata.instances()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", instance.name());
            entry.put("index", instance.index());
            entry.put("artifacts", instance.artifacts().stream().map(MetadataYaml::artifact).toList());
            instances.add(entry);
        }
        if (!instances.isEmpty()) {
            root.put("instances", instances);
        }
        if (!metadata.customArtifacts().isEmpty()) {
            root.put("custom_artifacts", metadata.customArtifacts().stream().map(MetadataYaml::artifact).toList());
        }
        Map<String, Object> activity = new LinkedHashMap<>();
        metadata.startTime().ifPresent(t -> activity.put("start_time", t));
        metadata.finishTime().ifPresent(t -> activity.put("finish_time", t));
        if (metadata.incomplete()) {
            // Not in the original's layout, which it ignores when reading: written only for failed backups.
            activity.put(INCOMPLETE, true);
        }
        root.put("backup_activity", activity);
        metadata.manifest().ifPresent(manifest -> root.put(MANIFEST, stored(manifest)));
        return yaml().dump(root);
    }

    /** @throws IllegalArgumentException naming what is wrong, when the text is not a valid metadata file */
    public static BackupMetadata read(String text) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("invalid YAML: " + e.getMessage().strip(), e);
        }
        BackupMetadata metadata = new BackupMetadata();
        if (root == null) {
            return metadata;
        }
        Map<?, ?> map = as(root, Map.class, "the top level");
        for (Object item : list(map.get("instances"), "instances")) {
            Map<?, ?> instance = as(item, Map.class, "an entry of instances");
            String name = string(instance.get("name"), "instances[].name");
            String index = string(instance.get("index"), "index of instance " + name);
            for (Object artifact : list(instance.get("artifacts"), "artifacts of instance " + name + "/" + index)) {
                Map<?, ?> fields = as(artifact, Map.class, "an artifact of instance " + name + "/" + index);
                String job = string(fields.get("name"), "an artifact name of instance " + name + "/" + index);
                metadata.record(ArtifactName.ofInstance(name, index, job),
                        checksums(fields.get("checksums"), name + "/" + index + " " + job),
                        stored(fields.get(STORED), "stored of " + name + "/" + index + " " + job));
            }
        }
        for (Object item : list(map.get("custom_artifacts"), "custom_artifacts")) {
            Map<?, ?> fields = as(item, Map.class, "an entry of custom_artifacts");
            String name = string(fields.get("name"), "custom_artifacts[].name");
            metadata.record(ArtifactName.custom(name), checksums(fields.get("checksums"), name),
                    stored(fields.get(STORED), "stored of " + name));
        }
        if (map.get("backup_activity") instanceof Map<?, ?> activity) {
            if (activity.get("start_time") != null) {
                metadata.setStartTime(activity.get("start_time").toString());
            }
            if (activity.get("finish_time") != null) {
                metadata.setFinishTime(activity.get("finish_time").toString());
            }
            if (Boolean.TRUE.equals(activity.get(INCOMPLETE))) {
                metadata.markIncomplete();
            }
        }
        metadata.setManifest(stored(map.get(MANIFEST), MANIFEST));
        return metadata;
    }

    private static Map<String, Object> artifact(BackupMetadata.ArtifactEntry artifact) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", artifact.name());
        entry.put("checksums", new LinkedHashMap<>(artifact.checksums().byFile()));
        if (artifact.stored() != null) {
            entry.put(STORED, stored(artifact.stored()));
        }
        return entry;
    }

    private static Map<String, Object> stored(StoredFile stored) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", stored.file());
        entry.put("encoding", stored.encoding());
        entry.put("size", stored.size());
        entry.put("sha256", stored.sha256());
        return entry;
    }

    private static StoredFile stored(Object value, String what) {
        if (value == null) {
            return null;
        }
        Map<?, ?> map = as(value, Map.class, what);
        Object size = map.get("size");
        if (!(size instanceof Number number)) {
            throw new IllegalArgumentException("missing or invalid " + what + ".size");
        }
        return new StoredFile(string(map.get("file"), what + ".file"), string(map.get("encoding"),
                what + ".encoding"), number.longValue(), string(map.get("sha256"), what + ".sha256"));
    }

    private static Checksums checksums(Object value, String owner) {
        if (value == null) {
            return null;
        }
        Map<?, ?> map = as(value, Map.class, "checksums of " + owner);
        Map<String, String> sums = new LinkedHashMap<>();
        map.forEach((file, sum) -> sums.put(String.valueOf(file), String.valueOf(sum)));
        return Checksums.of(sums);
    }

    private static List<?> list(Object value, String what) {
        return value == null ? List.of() : as(value, List.class, what);
    }

    private static String string(Object value, String what) {
        if (value == null || value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("missing or invalid " + what);
        }
        return value.toString();
    }

    private static <T> T as(Object value, Class<T> type, String what) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("expected " + (type == Map.class ? "a mapping" : "a list")
                    + " for " + what + ", got '" + value + "'");
        }
        return type.cast(value);
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(new GoStyleRepresenter(options), options);
    }

    /** Double-quotes strings that a YAML reader would otherwise take for another type, as yaml.v2 does. */
    private static final class GoStyleRepresenter extends Representer {
        GoStyleRepresenter(DumperOptions options) {
            super(options);
            Represent plain = representers.get(String.class);
            representers.put(String.class, data -> {
                String text = data.toString();
                if (NEEDS_QUOTES.matcher(text).matches()) {
                    return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
                }
                Node node = plain.representData(data);
                return node;
            });
        }
    }
}
