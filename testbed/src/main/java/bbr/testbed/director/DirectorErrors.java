package bbr.testbed.director;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Director's error answers (DIR {@code api/controllers/base_controller.rb}, {@code errors.rb};
 * director-api.md §3.2, §6.2): DirectorErrors as {@code {"code":N,"description":"..."}}, others as text.
 */
final class DirectorErrors {

    static final int TASK_NOT_FOUND = 10000;
    static final int DEPLOYMENT_NOT_FOUND = 70000;
    static final int UNAUTHORIZED_TO_ACCESS_DEPLOYMENT = 600000;
    /** RpcRemoteException: an agent call that failed, as in a failed SSH setup. */
    static final int AGENT_ERROR = 450001;

    private DirectorErrors() {
    }

    /** 401 from the before filter; the header is set on every authenticated route, answered or not. */
    static Response notAuthorized(String path) {
        return Response.text(401, "Not authorized: '" + path + "'\n")
                .withHeader("WWW-Authenticate", "Basic realm=\"BOSH Director\"");
    }

    static Response endpointNotFound(String path) {
        return Response.text(404, "Endpoint '" + path + "' not found.");
    }

    static Response deploymentNotFound(String name) {
        return error(404, DEPLOYMENT_NOT_FOUND, "Deployment '" + name + "' doesn't exist");
    }

    static Response taskNotFound(String id) {
        return error(404, TASK_NOT_FOUND, "Task " + id + " not found");
    }

    static Response error(int status, int code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("description", description);
        return Response.of(status, "text/html;charset=utf-8", Json.write(body));
    }
}
