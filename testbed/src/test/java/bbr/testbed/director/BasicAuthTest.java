package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BasicAuthTest {

    private static DirectorSimulator director;
    private static SimulatorClient client;

    @BeforeAll
    static void start() {
        director = DirectorSimulator.builder().auth(Auth.basic("admin", "s3cret:with colon"))
                .deployment(Deployment.named("dep").release("redis", "1.2.3")).start();
        client = new SimulatorClient(director);
    }

    @AfterAll
    static void stop() {
        director.close();
    }

    @Test
    void info_withoutCredentials_reportsBasicAuthentication_asARealDirector() {
        HttpResponse<String> response = client.get("/info", null);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> info = Json.parseObject(response.body());
        assertThat(info).containsKeys("name", "uuid", "version", "cpi", "features").containsEntry("user", null);
        assertThat(info.get("user_authentication")).isEqualTo(Map.of("type", "basic", "options", Map.of()));
        assertThat(info.get("version").toString()).matches("\\d+\\.\\d+\\.\\d+ \\(\\d+\\)");
    }

    @Test
    void info_withValidCredentials_namesTheUser() {
        Map<String, Object> info = Json.parseObject(
                client.get("/info", SimulatorClient.basic("admin", "s3cret:with colon")).body());

        assertThat(info).containsEntry("user", "admin");
    }

    @Test
    void anyOtherEndpoint_withoutCredentials_is401_withTheDirectorsBodyAndChallenge() {
        HttpResponse<String> response = client.get("/deployments/dep", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("Not authorized: '/deployments/dep'\n");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"BOSH Director\"");
    }

    @Test
    void wrongPassword_is401_evenForAPathThatDoesNotExist() {
        assertThat(client.get("/deployments/dep", SimulatorClient.basic("admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(client.get("/no/such/path", SimulatorClient.basic("admin", "wrong")).body())
                .isEqualTo("Not authorized: '/no/such/path'\n");
    }

    @Test
    void aBearerToken_isRefusedByABasicAuthDirector() {
        assertThat(client.get("/deployments", "bearer abc.def.ghi").statusCode()).isEqualTo(401);
    }

    @Test
    void rightCredentials_areAccepted_passwordMayContainAColon() {
        HttpResponse<String> response = client.get("/deployments", SimulatorClient.basic("admin", "s3cret:with colon"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(director.requests().matching("GET", "/deployments")).last()
                .satisfies(r -> {
                    assertThat(r.auth()).isEqualTo(AuthKind.BASIC);
                    assertThat(r.status()).isEqualTo(200);
                });
    }
}
