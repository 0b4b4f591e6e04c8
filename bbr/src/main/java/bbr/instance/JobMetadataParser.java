package bbr.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses the YAML a {@code metadata} script prints. Lenient like the original (unknown keys ignored) but
 * strict about the shape of the keys it knows, so a typo in a lock entry is an error rather than silently
 * ignored ordering.
 */
public final class JobMetadataParser {

    private JobMetadataParser() {
    }

    /** @throws IllegalArgumentException with a message saying what is wrong with the YAML */
    public static JobMetadata parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(e.getMessage().strip(), e);
        }
        if (root == null) {
            return JobMetadata.NONE;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a YAML mapping at the top level, got " + describe(root));
        }
        return new JobMetadata(
                lockList(map, "backup_should_be_locked_before"),
                lockList(map, "restore_should_be_locked_before"),
                bool(map, "skip_bbr_scripts"),
                map.containsKey("backup_name"),
                map.containsKey("restore_name"));
    }

    private static List<LockBefore> lockList(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(key + " must be a list of {job_name, release}, got " + describe(value));
        }
        List<LockBefore> locks = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException(key + " entries must be mappings with job_name and release, got "
                        + describe(entry));
            }
            Object job = fields.get("job_name");
            Object release = fields.get("release");
            if (job == null || release == null || job.toString().isEmpty() || release.toString().isEmpty()) {
                throw new IllegalArgumentException("both job name and release should be specified for should be"
                        + " locked before (" + key + " entry " + fields + ")");
            }
            locks.add(new LockBefore(job.toString(), release.toString()));
        }
        return locks;
    }

    private static boolean bool(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + " must be true or false, got " + describe(value));
    }

    private static String describe(Object value) {
        String type = value instanceof Map ? "a mapping" : value instanceof List ? "a list" : "'" + value + "'";
        return type;
    }
}
