package bbr.testbed.director;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a plausible deployment manifest in the v2 ({@code instance_groups}) or v1 ({@code jobs}/{@code templates})
 * schema, holding the paths bbr queries (director-api.md §6.2).
 */
final class ManifestWriter {

    private ManifestWriter() {
    }

    static String write(Deployment deployment, ManifestLayout layout) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", deployment.name());
        manifest.put("releases", deployment.releases().stream()
                .map(r -> map("name", r.name(), "version", r.version())).toList());
        if (layout == ManifestLayout.V2) {
            manifest.put("stemcells", deployment.stemcells().stream()
                    .map(s -> map("alias", alias(s), "os", s.os(), "version", s.version())).toList());
        } else {
            manifest.put("networks", List.of(map("name", "default", "type", "dynamic")));
            manifest.put("resource_pools", deployment.stemcells().stream()
                    .map(s -> map("name", alias(s), "network", "default",
                            "stemcell", map("name", s.name(), "version", s.version())))
                    .toList());
            manifest.put("compilation", map("workers", 1, "network", "default"));
        }
        manifest.put("update", map("canaries", 1, "max_in_flight", 1, "canary_watch_time", "1000-30000",
                "update_watch_time", "1000-30000"));
        List<Object> groups = new ArrayList<>();
        for (InstanceGroup group : deployment.instanceGroups()) {
            groups.add(layout == ManifestLayout.V2 ? v2Group(group) : v1Job(group));
        }
        manifest.put(layout == ManifestLayout.V2 ? "instance_groups" : "jobs", groups);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setExplicitStart(true);
        return new Yaml(options).dump(manifest);
    }

    private static Map<String, Object> v2Group(InstanceGroup group) {
        Map<String, Object> out = map("name", group.name(), "azs", group.azs(), "instances", plannedInstances(group),
                "vm_type", group.vmType(), "stemcell", alias(stemcellOf(group)),
                "networks", List.of(map("name", "default")));
        if (group.errand()) {
            out.put("lifecycle", "errand");
        }
        List<Object> jobs = new ArrayList<>();
        for (Job job : group.jobs()) {
            Map<String, Object> entry = map("name", job.name(), "release", job.release());
            if (!job.properties().isEmpty()) {
                entry.put("properties", job.properties());
            }
            jobs.add(entry);
        }
        out.put("jobs", jobs);
        return out;
    }

    // v1 had no per-job properties: they sit on the job (instance group), merged.
    private static Map<String, Object> v1Job(InstanceGroup group) {
        Map<String, Object> out = map("name", group.name(), "instances", plannedInstances(group),
                "resource_pool", alias(stemcellOf(group)), "networks", List.of(map("name", "default")));
        if (group.errand()) {
            out.put("lifecycle", "errand");
        }
        out.put("templates", group.jobs().stream().map(j -> map("name", j.name(), "release", j.release())).toList());
        Map<String, Object> properties = new LinkedHashMap<>();
        group.jobs().forEach(j -> properties.putAll(j.properties()));
        if (!properties.isEmpty()) {
            out.put("properties", properties);
        }
        return out;
    }

    /** An errand plans its one instance, whose VM exists only while it runs. */
    private static int plannedInstances(InstanceGroup group) {
        return group.errand() ? 1 : group.instances().size();
    }

    private static Stemcell stemcellOf(InstanceGroup group) {
        return group.instances().stream().anyMatch(Instance::windows) ? Stemcell.WINDOWS_2019 : Stemcell.UBUNTU_JAMMY;
    }

    private static String alias(Stemcell stemcell) {
        return stemcell.equals(Stemcell.WINDOWS_2019) ? "windows" : "default";
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
