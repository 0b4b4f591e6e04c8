package bbr.testbed.director;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UAA's OAuth error answers, in Spring Security OAuth's shape {@code {"error":..,"error_description":..}}
 * (director-api.md §11.4: bosh-cli only copies the body into its error text).
 */
final class UaaErrors {

    private UaaErrors() {
    }

    static Response badCredentials() {
        return error(401, "unauthorized", "Bad credentials")
                .withHeader("WWW-Authenticate", "Basic realm=\"UAA/client\", error=\"unauthorized\", "
                        + "error_description=\"Bad credentials\"");
    }

    static Response error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return Response.json(status, body).withHeader("Cache-Control", "no-store");
    }
}
