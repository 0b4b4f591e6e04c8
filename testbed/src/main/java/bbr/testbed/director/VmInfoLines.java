package bbr.testbed.director;

import static bbr.testbed.director.ManifestWriter.map;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of a "retrieve vm-stats" task: one JSON object per VM, each followed by a newline, with every field a
 * real Director writes (DIR {@code jobs/vm_state.rb}; director-api.md §6.4), vitals' leaves as strings.
 */
final class VmInfoLines {

    private VmInfoLines() {
    }

    static String render(Deployment deployment, boolean alwaysReportPort, boolean shuffle) {
        List<Instance> instances = new ArrayList<>(deployment.instances());
        if (shuffle) {
            // A real Director writes the lines from a thread pool: their order is not deterministic.
            Collections.shuffle(instances);
        }
        InstanceGroupIndex groups = new InstanceGroupIndex(deployment);
        return instances.stream().map(i -> Json.write(line(i, groups.get(i), alwaysReportPort)) + "\n")
                .collect(Collectors.joining());
    }

    private static Map<String, Object> line(Instance instance, InstanceGroup group, boolean alwaysReportPort) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("vm_cid", instance.vmCid());
        line.put("active", true);
        line.put("vm_created_at", instance.vmCreatedAt().toString());
        line.put("cloud_properties", Map.of());
        line.put("disk_cid", instance.diskCid());
        line.put("disk_cids", List.of(instance.diskCid()));
        line.put("ips", List.of(AgentAddress.of(instance.vm(), alwaysReportPort)));
        line.put("agent_id", instance.agentId());
        line.put("job_name", instance.group());
        line.put("index", instance.index());
        line.put("job_state", "running");
        line.put("state", "started");
        line.put("vm_type", group.vmType());
        line.put("vitals", vitals());
        line.put("processes", group.jobs().stream().map(j -> process(j.name())).toList());
        line.put("az", instance.az());
        line.put("id", instance.id());
        line.put("bootstrap", instance.bootstrap());
        line.put("ignore", false);
        Stemcell stemcell = instance.stemcell();
        line.put("stemcell", map("name", stemcell.name(), "version", stemcell.version(), "api_version", 3));
        return line;
    }

    private static Map<String, Object> vitals() {
        return map("cpu", map("sys", "4.5", "user", "65.7", "wait", "0.8"),
                "mem", map("kb", "1342088", "percent", "33"),
                "swap", map("kb", "53580", "percent", "5"),
                "uptime", map("secs", 10020),
                "load", List.of("2.20", "1.63", "1.53"),
                "disk", map("system", map("percent", "47", "inode_percent", "19"),
                        "ephemeral", map("percent", "47", "inode_percent", "19")));
    }

    private static Map<String, Object> process(String job) {
        return map("name", job, "state", "running", "uptime", map("secs", 10013),
                "mem", map("kb", 27492, "percent", 0.6), "cpu", map("total", 0.3));
    }

    /** Finds an instance's group. */
    private static final class InstanceGroupIndex {
        private final Map<String, InstanceGroup> byName = new LinkedHashMap<>();

        InstanceGroupIndex(Deployment deployment) {
            deployment.instanceGroups().forEach(g -> byName.put(g.name(), g));
        }

        InstanceGroup get(Instance instance) {
            return byName.get(instance.group());
        }
    }
}
