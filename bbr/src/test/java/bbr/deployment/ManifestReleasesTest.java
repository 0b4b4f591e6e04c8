package bbr.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestReleasesTest {

    @Test
    void v2_readsJobReleasesAndBackupOneRestoreAll_fromInstanceGroups() {
        ManifestReleases manifest = ManifestReleases.parse("""
                name: cf
                instance_groups:
                - name: redis
                  jobs:
                  - name: redis-server
                    release: redis-test
                    properties:
                      bbr:
                        backup_one_restore_all: true
                  - name: other
                    release: misc
                """);
        assertThat(manifest.releaseOf("redis", "redis-server")).contains("redis-test");
        assertThat(manifest.releaseOf("redis", "other")).contains("misc");
        assertThat(manifest.releaseOf("redis", "addon-job")).isEmpty();
        assertThat(manifest.releaseOf("nope", "redis-server")).isEmpty();
        assertThat(manifest.backupOneRestoreAll("redis", "redis-server")).isTrue();
        assertThat(manifest.backupOneRestoreAll("redis", "other")).isFalse();
    }

    @Test
    void v1_readsTemplatesOfJobs_andTheGroupsProperties() {
        ManifestReleases manifest = ManifestReleases.parse("""
                name: cf
                jobs:
                - name: redis
                  templates:
                  - name: redis-server
                    release: redis-test
                  properties:
                    bbr:
                      backup_one_restore_all: true
                """);
        assertThat(manifest.releaseOf("redis", "redis-server")).contains("redis-test");
        assertThat(manifest.backupOneRestoreAll("redis", "redis-server")).isTrue();
    }

    @Test
    void groupsWithVms_leaveOutErrandsAndGroupsScaledToZero_inManifestOrder() {
        ManifestReleases v2 = ManifestReleases.parse("""
                name: cf
                instance_groups:
                - name: database
                  instances: 2
                - name: smoke-tests
                  instances: 1
                  lifecycle: errand
                - name: retired
                  instances: 0
                - name: api
                  instances: 1
                  lifecycle: service
                """);
        ManifestReleases v1 = ManifestReleases.parse("""
                name: cf
                jobs:
                - name: redis
                  instances: 1
                - name: acceptance
                  lifecycle: errand
                """);
        assertThat(v2.groupsWithVms()).containsExactly("database", "api");
        assertThat(v1.groupsWithVms()).containsExactly("redis");
        assertThat(ManifestReleases.parse("name: empty\n").groupsWithVms()).isEmpty();
    }

    @Test
    void aManifestThatIsNotAMapping_isRefused() {
        assertThatThrownBy(() -> ManifestReleases.parse("- just\n- a list\n")).hasMessageContaining("mapping");
    }
}
