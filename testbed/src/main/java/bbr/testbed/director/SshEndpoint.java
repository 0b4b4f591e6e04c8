package bbr.testbed.director;

import java.util.Map;

/**
 * {@code POST /deployments/NAME/ssh}: queues an SSH task whose agents set users up or clean them up on the VMs,
 * and redirects to it (DIR {@code deployments_controller.rb}, {@code instance_manager.rb}; director-api.md §7).
 */
final class SshEndpoint {

    private final Tasks tasks;
    private final SshAgent agent;

    SshEndpoint(Tasks tasks, SshAgent agent) {
        this.tasks = tasks;
        this.agent = agent;
    }

    Response handle(Request request, Deployment deployment, String user, Redirects redirects) {
        // JSON.parse raising is a plain exception to Sinatra: 500 with an empty body.
        Map<String, Object> payload = Json.parseObject(request.bodyText());
        Object command = payload.get("command");
        Object target = payload.get("target");
        Map<?, ?> params = payload.get("params") instanceof Map<?, ?> p ? p : Map.of();
        String description = "ssh: " + command + ":" + SshTarget.describe(target);
        TaskKind kind = "cleanup".equals(command) ? TaskKind.SSH_CLEANUP : TaskKind.SSH_SETUP;
        Task task = tasks.start(kind, description, user, deployment.name(), fault -> {
            var instances = SshTarget.from(target).select(deployment);
            if ("setup".equals(command)) {
                return agent.setup(deployment.name(), instances, params, fault);
            }
            if ("cleanup".equals(command)) {
                return agent.cleanup(deployment.name(), instances, params);
            }
            throw new TaskFailure(DirectorErrors.AGENT_ERROR, "Unknown command for SSH method");
        });
        return redirects.toTask(request, task);
    }
}
