package bbr.testbed.director;

import bbr.testbed.vm.Vm;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a deployment described in YAML, its instances naming test-bed VMs by their position in a list:
 *
 * <pre>
 * name: redis-dev
 * manifest_layout: v2            # or v1
 * releases: [{name: redis-test, version: 1.0.0}]
 * instance_groups:
 * - name: redis
 *   jobs:
 *   - {name: redis-server, release: redis-test, properties: {bbr: {backup_one_restore_all: true}}}
 *   instances:
 *   - {vm: 0, bootstrap: true}
 *   - {vm: 1, windows: true}
 * </pre>
 */
public final class DeploymentYaml {

    private DeploymentYaml() {
    }

    public static Deployment.Builder read(String yaml, List<Vm> vms) {
        Map<String, Object> root = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml), "document");
        Deployment.Builder builder = Deployment.named(string(root, "name"));
        if (root.containsKey("manifest_layout")) {
            builder.manifestLayout(ManifestLayout.valueOf(string(root, "manifest_layout").toUpperCase()));
        }
        if (root.containsKey("cloud_config")) {
            builder.cloudConfig(string(root, "cloud_config"));
        }
        for (Object team : list(root, "teams")) {
            builder.team(team.toString());
        }
        for (Object release : list(root, "releases")) {
            Map<String, Object> r = map(release, "release");
            builder.release(string(r, "name"), r.containsKey("version") ? string(r, "version") : "1.0.0");
        }
        for (Object group : list(root, "instance_groups")) {
            Map<String, Object> g = map(group, "instance group");
            builder.instanceGroup(string(g, "name"), b -> group(g, b, vms));
        }
        return builder;
    }

    private static void group(Map<String, Object> g, InstanceGroup.Builder builder, List<Vm> vms) {
        if (g.containsKey("az")) {
            builder.az(string(g, "az"));
        }
        for (Object job : list(g, "jobs")) {
            Map<String, Object> j = map(job, "job");
            Map<String, Object> properties = j.containsKey("properties") ? map(j.get("properties"), "properties")
                    : Map.of();
            builder.job(string(j, "name"), string(j, "release"), properties);
        }
        for (Object instance : list(g, "instances")) {
            Map<String, Object> i = map(instance, "instance");
            int index = ((Number) i.get("vm")).intValue();
            if (index < 0 || index >= vms.size()) {
                throw new IllegalArgumentException("vm: " + index + " but only " + vms.size() + " VMs were given");
            }
            Vm vm = vms.get(index);
            Object bootstrap = i.get("bootstrap");
            if (Boolean.TRUE.equals(i.get("windows"))) {
                builder.windowsInstance(vm, Boolean.TRUE.equals(bootstrap));
            } else if (bootstrap == null) {
                builder.instance(vm);
            } else {
                builder.instance(vm, Boolean.TRUE.equals(bootstrap));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping for " + what + ", got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list for " + key);
        }
        return list;
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value.toString();
    }
}
