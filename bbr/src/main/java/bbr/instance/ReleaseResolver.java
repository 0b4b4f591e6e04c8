package bbr.instance;

import java.util.Optional;

/** Tells which release a job on an instance group comes from, and whether it backs up once and restores to all. */
public interface ReleaseResolver {

    Optional<String> releaseOf(String instanceGroup, String job);

    boolean backupOneRestoreAll(String instanceGroup, String job);

    /** Director mode: no manifest, so no releases; lock ordering then matches job names alone. */
    ReleaseResolver NONE = new ReleaseResolver() {
        @Override
        public Optional<String> releaseOf(String instanceGroup, String job) {
            return Optional.of("");
        }

        @Override
        public boolean backupOneRestoreAll(String instanceGroup, String job) {
            return false;
        }
    };
}
