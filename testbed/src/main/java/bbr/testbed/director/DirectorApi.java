package bbr.testbed.director;

import java.util.Optional;

/**
 * The Director's routes in the order a real one applies its checks: authentication for all but {@code /info}
 * (401 even for unknown paths), then the route's conditions (content type), then the deployment lookup (404).
 */
final class DirectorApi {

    private final Authenticator authenticator;
    private final InfoEndpoint info;
    private final DeploymentEndpoints deployments;
    private final SshEndpoint ssh;
    private final TaskEndpoints taskEndpoints;
    private final Redirects redirects;

    DirectorApi(Authenticator authenticator, InfoEndpoint info, DeploymentEndpoints deployments, SshEndpoint ssh,
            TaskEndpoints taskEndpoints, Redirects redirects) {
        this.authenticator = authenticator;
        this.info = info;
        this.deployments = deployments;
        this.ssh = ssh;
        this.taskEndpoints = taskEndpoints;
        this.redirects = redirects;
    }

    Response handle(Request request) {
        Optional<String> user = authenticator.user(request.header("Authorization"));
        String path = request.path();
        String method = request.method();
        if (path.equals("/info")) {
            return method.equals("GET") ? info.handle(user.orElse(null)) : DirectorErrors.endpointNotFound(path);
        }
        if (user.isEmpty()) {
            return DirectorErrors.notAuthorized(path);
        }
        String[] segments = path.substring(1).split("/", -1);
        if (segments[0].equals("deployments")) {
            return deployment(request, segments, user.get());
        }
        if (segments[0].equals("tasks") && segments.length == 2 && method.equals("GET")) {
            return taskEndpoints.task(segments[1]);
        }
        if (segments[0].equals("tasks") && segments.length == 3 && segments[2].equals("output")
                && method.equals("GET")) {
            return taskEndpoints.output(segments[1], request);
        }
        return DirectorErrors.endpointNotFound(path);
    }

    private Response deployment(Request request, String[] segments, String user) {
        String method = request.method();
        if (segments.length == 1 || (segments.length == 2 && segments[1].isEmpty())) {
            return method.equals("GET") ? deployments.list() : DirectorErrors.endpointNotFound(request.path());
        }
        String name = segments[1];
        String route = segments.length == 2 ? "" : segments.length == 3 ? segments[2] : null;
        boolean known = route != null && (method.equals("GET") && (route.isEmpty() || route.equals("vms"))
                || method.equals("POST") && route.equals("ssh") && request.mediaType().equals("application/json"));
        if (!known) {
            // Sinatra: no route's path and conditions (consumes: json) match.
            return DirectorErrors.endpointNotFound(request.path());
        }
        Deployment deployment = deployments.registry().get(name);
        if (deployment == null) {
            return DirectorErrors.deploymentNotFound(name);
        }
        return switch (route) {
            case "" -> deployments.manifest(deployment);
            case "vms" -> deployments.vms(request, deployment, user, redirects);
            default -> ssh.handle(request, deployment, user, redirects);
        };
    }
}
