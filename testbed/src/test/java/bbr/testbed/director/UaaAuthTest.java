package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UaaAuthTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static DirectorSimulator director;
    private static SimulatorClient client;

    @BeforeAll
    static void start() {
        director = DirectorSimulator.builder().auth(Auth.uaa("bbr_client", "client-secret"))
                .deployment(Deployment.named("dep")).start();
        client = new SimulatorClient(director);
    }

    @AfterAll
    static void stop() {
        director.close();
    }

    @Test
    void info_pointsAtTheUaa_onAnotherHttpsPortOfTheSameAddress() {
        Map<String, Object> info = Json.parseObject(client.get("/info", null).body());

        String uaa = director.uaaUrl().orElseThrow();
        assertThat(uaa).matches("https://127\\.0\\.0\\.1:\\d+").isNotEqualTo(director.url());
        assertThat(info.get("user_authentication"))
                .isEqualTo(Map.of("type", "uaa", "options", Map.of("url", uaa, "urls", List.of(uaa))));
    }

    @Test
    void clientCredentialsGrant_withBasicClientAuth_issuesABearerJwtWithExpiry() {
        HttpResponse<String> response = client.post(director.uaaUrl().orElseThrow() + "/oauth/token",
                SimulatorClient.basic("bbr_client", "client-secret"), FORM, "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> token = Json.parseObject(response.body());
        assertThat(token).containsEntry("token_type", "bearer").containsEntry("expires_in", 599L)
                .containsEntry("scope", "bosh.admin").containsKey("jti");
        String[] jwt = token.get("access_token").toString().split("\\.");
        assertThat(jwt).hasSize(3);
        Map<String, Object> claims = Json.parseObject(
                new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        assertThat(claims).containsEntry("client_id", "bbr_client").containsEntry("grant_type", "client_credentials");
        assertThat((Long) claims.get("exp") - (Long) claims.get("iat")).isEqualTo(599L);
    }

    @Test
    void clientCredentialsGrant_acceptsClientIdAndSecretAsFormFields() {
        HttpResponse<String> response = client.post(director.uaaUrl().orElseThrow() + "/oauth/token", null, FORM,
                "grant_type=client_credentials&client_id=bbr_client&client_secret=client-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(director.requests().matching("POST", "/oauth/token")).last()
                .satisfies(r -> assertThat(r.body()).doesNotContain("client-secret").contains("client_secret=[removed]"));
    }

    @Test
    void wrongClientSecret_is401_withUaasJsonError() {
        HttpResponse<String> response = client.post(director.uaaUrl().orElseThrow() + "/oauth/token",
                SimulatorClient.basic("bbr_client", "nope"), FORM, "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.parseObject(response.body()))
                .isEqualTo(Map.of("error", "unauthorized", "error_description", "Bad credentials"));
    }

    @Test
    void otherGrants_andParametersInTheUrl_areRefused() {
        String tokenUrl = director.uaaUrl().orElseThrow() + "/oauth/token";
        String auth = SimulatorClient.basic("bbr_client", "client-secret");

        assertThat(client.post(tokenUrl, auth, FORM, "grant_type=password&username=a&password=b").statusCode())
                .isEqualTo(400);
        assertThat(client.post(tokenUrl, auth, FORM, "").body()).contains("Missing grant type");
        assertThat(client.post(tokenUrl + "?grant_type=client_credentials", auth, FORM, "").statusCode())
                .isEqualTo(400);
    }

    @Test
    void director_acceptsTheBearerToken_andRefusesBasicCredentialsAndForgedTokens() {
        String bearer = client.bearer();

        assertThat(client.get("/deployments", bearer).statusCode()).isEqualTo(200);
        assertThat(client.get("/deployments", "Bearer " + bearer.substring(7)).statusCode()).isEqualTo(200);
        assertThat(client.get("/deployments", SimulatorClient.basic("bbr_client", "client-secret")).statusCode())
                .isEqualTo(401);
        assertThat(client.get("/deployments", bearer + "x").body()).isEqualTo("Not authorized: '/deployments'\n");
    }

    @Test
    void revokedTokens_get401_andAFreshTokenWorksAgain() {
        String bearer = client.bearer();
        director.faults().revokeTokens();

        assertThat(client.get("/deployments", bearer).statusCode()).isEqualTo(401);
        assertThat(client.get("/deployments", client.bearer()).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokens_get401() throws InterruptedException {
        try (DirectorSimulator shortLived = DirectorSimulator.builder().ca(director.ca())
                .auth(Auth.uaa("c", "s").tokenLifetime(Duration.ofMillis(300)).uaaPath("/uaa")).start()) {
            SimulatorClient shortClient = new SimulatorClient(shortLived);
            String bearer = shortClient.bearer();
            assertThat(shortLived.uaaUrl().orElseThrow()).endsWith("/uaa");
            assertThat(shortClient.get("/deployments", bearer).statusCode()).isEqualTo(200);

            Thread.sleep(400);

            assertThat(shortClient.get("/deployments", bearer).statusCode()).isEqualTo(401);
        }
    }
}
