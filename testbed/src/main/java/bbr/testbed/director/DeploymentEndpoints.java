package bbr.testbed.director;

import static bbr.testbed.director.ManifestWriter.map;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /deployments}, {@code GET /deployments/NAME} and {@code GET /deployments/NAME/vms}
 * (DIR {@code deployments_controller.rb}, director-api.md §6.1, §6.2, §6.4).
 */
final class DeploymentEndpoints {

    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final SimulatorOptions options;
    private final Tasks tasks;

    DeploymentEndpoints(SimulatorOptions options, Tasks tasks) {
        this.options = options;
        this.tasks = tasks;
    }

    Map<String, Deployment> registry() {
        return deployments;
    }

    /** Sorted by name, as the Director's {@code all_by_name_asc}. */
    Response list() {
        List<Object> list = deployments.values().stream().sorted(Comparator.comparing(Deployment::name))
                .map(d -> (Object) map("name", d.name(),
                        "releases", d.releases().stream().sorted(Comparator.comparing(Release::name)
                                .thenComparing(Release::version))
                                .map(r -> map("name", r.name(), "version", r.version())).toList(),
                        "stemcells", d.stemcells().stream().map(s -> map("name", s.name(), "version", s.version()))
                                .toList(),
                        "cloud_config", d.cloudConfig(),
                        "teams", d.teams(),
                        "locked", false))
                .toList();
        return Response.json(200, list);
    }

    /** Answered as Sinatra's default text/html: the route returns a bare JSON.generate (§2.7). */
    Response manifest(Deployment deployment) {
        return Response.text(200, Json.write(map("manifest", deployment.manifest())));
    }

    /** With format=full, a task whose result is the VM info lines; otherwise the synchronous instance list. */
    Response vms(Request request, Deployment deployment, String user, Redirects redirects) {
        if (!"full".equals(request.queryParam("format"))) {
            return Response.text(200, Json.write(deployment.instances().stream().map(i -> (Object) map(
                    "agent_id", i.agentId(), "cid", i.vmCid(), "job", i.group(), "index", i.index(), "id", i.id(),
                    "az", i.az(), "ips", List.of(AgentAddress.of(i.vm(), options.alwaysReportPort())),
                    "vm_created_at", i.vmCreatedAt().toString(), "active", true)).toList()));
        }
        Task task = tasks.start(TaskKind.VMS, "retrieve vm-stats", user, deployment.name(),
                fault -> VmInfoLines.render(deployment, options.alwaysReportPort(), options.shuffleVmInfos()));
        return redirects.toTask(request, task);
    }
}
