package bbr.testbed.director;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * UAA's token endpoint for the client-credentials grant, the only grant bbr uses (director-api.md §3.3): client
 * authentication by HTTP basic (what bosh-cli sends) or by {@code client_id}/{@code client_secret} form fields.
 */
final class UaaEndpoint {

    private final Auth auth;
    private final TokenIssuer tokens;

    UaaEndpoint(Auth auth, TokenIssuer tokens) {
        this.auth = auth;
        this.tokens = tokens;
    }

    String tokenPath() {
        return auth.uaaPath() + "/oauth/token";
    }

    Response handle(Request request) {
        if (!request.path().equals(tokenPath())) {
            return UaaErrors.error(404, "not_found", "No handler for " + request.path());
        }
        if (!request.method().equals("POST")) {
            return UaaErrors.error(405, "method_not_allowed",
                    "Request method '" + request.method() + "' is not supported");
        }
        Map<String, String> query = Request.formFields(request.query());
        if (query.containsKey("grant_type") || query.containsKey("client_secret")) {
            // UAA refuses credentials and grant parameters in the URL of the token endpoint.
            return UaaErrors.error(400, "invalid_request", "Parameters must be passed in the body of the request");
        }
        Map<String, String> form = request.mediaType().equals("application/x-www-form-urlencoded")
                ? Request.formFields(request.bodyText()) : Map.of();
        Optional<Boolean> clientOk = authenticate(request, form);
        if (clientOk.isEmpty()) {
            return UaaErrors.error(401, "unauthorized", "Full authentication is required to access this resource")
                    .withHeader("WWW-Authenticate", "Basic realm=\"UAA/client\", error=\"unauthorized\", "
                            + "error_description=\"Full authentication is required to access this resource\"");
        }
        if (!clientOk.get()) {
            return UaaErrors.badCredentials();
        }
        String grant = form.get("grant_type");
        if (grant == null || grant.isEmpty()) {
            return UaaErrors.error(400, "invalid_request", "Missing grant type");
        }
        if (!grant.equals("client_credentials")) {
            return UaaErrors.error(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
        }
        TokenIssuer.Token token = tokens.issue(auth.username());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", token.expiresIn());
        body.put("scope", "bosh.admin");
        body.put("jti", token.jti());
        return Response.json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }

    /** Empty when the request names no client; otherwise whether the client's secret is right. */
    private Optional<Boolean> authenticate(Request request, Map<String, String> form) {
        String header = request.header("Authorization");
        if (header != null && AuthKind.of(header) == AuthKind.BASIC) {
            String[] parts = header.strip().split("\\s+", 2);
            return Optional.of(parts.length == 2
                    && Authenticator.basicUser(parts[1], auth.username(), auth.password()).isPresent());
        }
        if (form.containsKey("client_id")) {
            return Optional.of(form.get("client_id").equals(auth.username())
                    && auth.password().equals(form.get("client_secret")));
        }
        return Optional.empty();
    }
}
