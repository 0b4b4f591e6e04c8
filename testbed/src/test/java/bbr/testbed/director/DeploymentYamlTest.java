package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import bbr.testbed.vm.Vm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class DeploymentYamlTest {

    private static final List<Vm> NO_VMS = Arrays.asList(null, null, null);

    @Test
    void read_buildsGroupsJobsAndInstancesInOrder_withExplicitBootstrapAndWindowsFlags() {
        Deployment deployment = DeploymentYaml.read("""
                name: redis-dev
                releases: [{name: redis-test, version: 15.0.1}]
                instance_groups:
                - name: redis
                  az: z2
                  jobs:
                  - {name: redis-server, release: redis-test, properties: {bbr: {backup_one_restore_all: true}}}
                  instances:
                  - {vm: 0}
                  - {vm: 1, bootstrap: true}
                  - {vm: 2, windows: true}
                """, NO_VMS).build();

        InstanceGroup redis = deployment.instanceGroup("redis").orElseThrow();
        assertThat(deployment.releases()).containsExactly(new Release("redis-test", "15.0.1"));
        assertThat(redis.jobs()).containsExactly(new Job("redis-server", "redis-test", Job.backupOneRestoreAll()));
        assertThat(redis.instances()).extracting(Instance::index, Instance::bootstrap, Instance::windows, Instance::az)
                .containsExactly(tuple(0, false, false, "z2"),
                        tuple(1, true, false, "z2"),
                        tuple(2, false, true, "z2"));
        assertThat(redis.instances()).extracting(Instance::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(deployment.stemcells()).containsExactly(Stemcell.UBUNTU_JAMMY, Stemcell.WINDOWS_2019);
    }

    @Test
    void theFirstInstanceIsBootstrap_whenNoInstanceSays() {
        Deployment deployment = DeploymentYaml.read("""
                name: d
                instance_groups:
                - name: g
                  instances: [{vm: 0}, {vm: 1}]
                """, NO_VMS).build();

        assertThat(deployment.instances()).extracting(Instance::bootstrap).containsExactly(true, false);
    }

    @Test
    void v1Layout_putsJobPropertiesOnTheGroup() {
        Deployment deployment = DeploymentYaml.read("""
                name: d
                manifest_layout: v1
                instance_groups:
                - name: g
                  jobs: [{name: j, release: r, properties: {a: 1}}]
                """, NO_VMS).build();

        Map<String, Object> manifest = new Yaml().load(deployment.manifest());
        assertThat(manifest.get("jobs")).isEqualTo(List.of(Map.of("name", "g", "instances", 0,
                "resource_pool", "default", "networks", List.of(Map.of("name", "default")),
                "templates", List.of(Map.of("name", "j", "release", "r")), "properties", Map.of("a", 1))));
    }

    @Test
    void aVmIndexOutsideTheList_isRefused() {
        assertThatThrownBy(() -> DeploymentYaml.read("""
                name: d
                instance_groups: [{name: g, instances: [{vm: 3}]}]
                """, NO_VMS)).hasMessageContaining("vm: 3");
    }
}
