package bbr.testbed.director;

import java.util.Map;

/**
 * A release job placed on an instance group, with its manifest properties; bbr reads its release (lock order) and
 * {@code bbr.backup_one_restore_all} from the manifest (director-api.md §6.2).
 */
public record Job(String name, String release, Map<String, Object> properties) {

    public Job {
        properties = Map.copyOf(properties);
    }

    /** The properties that make bbr back up only the bootstrap instance and restore to all (contract §2). */
    public static Map<String, Object> backupOneRestoreAll() {
        return Map.of("bbr", Map.of("backup_one_restore_all", true));
    }
}
