package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final String ADMIN = SimulatorClient.basic("admin", "admin");

    private static DirectorSimulator director;

    @BeforeAll
    static void start() {
        director = DirectorSimulator.builder().deployment(Deployment.named("redis-dev")).start();
    }

    @AfterAll
    static void stop() {
        director.close();
    }

    @BeforeEach
    void reset() {
        director.faults().clear();
        director.requests().clear();
    }

    @Test
    void failNext_answers500WithAnEmptyBody_nTimes_thenRecovers() {
        director.faults().failNext("GET", "/deployments/redis-dev", 500, 2);
        SimulatorClient client = new SimulatorClient(director);

        HttpResponse<String> first = client.get("/deployments/redis-dev", ADMIN);
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.body()).isEmpty();
        assertThat(client.get("/deployments/redis-dev", ADMIN).statusCode()).isEqualTo(500);
        assertThat(client.get("/deployments/redis-dev", ADMIN).statusCode()).isEqualTo(200);
        assertThat(director.requests().matching("GET", "/deployments/redis-dev"))
                .extracting(RecordedRequest::status).containsExactly(500, 500, 200);
    }

    @Test
    void gatewayErrors_lookLikeNginxPages() {
        director.faults().failNext("*", "/deployments/**", 503, 1);

        HttpResponse<String> response = new SimulatorClient(director).get("/deployments/redis-dev/vms?format=full",
                ADMIN);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("<center><h1>503 Service Temporarily Unavailable</h1></center>");
    }

    @Test
    void afterSkipping_failsOnlyALaterStep_andQueryGlobsTargetOneOutputType() throws InterruptedException {
        director.faults().add(HttpFault.on("GET", "/tasks/*/output?type=result").respond(500, "boom"))
                .add(HttpFault.on("GET", "/tasks/*").afterSkipping(1).respond(401));
        SimulatorClient client = new SimulatorClient(director);
        long id = SimulatorClient.taskId(client.get("/deployments/redis-dev/vms?format=full", ADMIN));

        assertThat(client.get("/tasks/" + id, ADMIN).statusCode()).isEqualTo(200);
        HttpResponse<String> second = client.get("/tasks/" + id, ADMIN);
        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(second.body()).isEqualTo("Not authorized: '/tasks/" + id + "'\n");
        client.pollUntilFinished(id, ADMIN);
        assertThat(client.get("/tasks/" + id + "/output?type=event", ADMIN).statusCode()).isEqualTo(200);
        assertThat(client.get("/tasks/" + id + "/output?type=result", ADMIN).body()).isEqualTo("boom");
        assertThat(client.get("/tasks/" + id + "/output?type=result", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void dropNext_closesTheConnectionWithoutAnAnswer_andTheLogShowsStatus0() {
        // The JDK client re-sends a GET once when the connection closes unanswered: drop both attempts.
        director.faults().dropNext("GET", "/deployments", 2);

        assertThatThrownBy(() -> new SimulatorClient(director).get("/deployments", ADMIN))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(new SimulatorClient(director).get("/deployments", ADMIN).statusCode()).isEqualTo(200);
        assertThat(director.requests().matching("GET", "/deployments")).extracting(RecordedRequest::status)
                .containsExactly(0, 0, 200);
    }

    @Test
    void requestLog_recordsServerMethodPathQueryAuthKindAndStatus() {
        SimulatorClient client = new SimulatorClient(director);
        client.get("/info", null);
        client.get("/deployments/redis-dev/vms?format=full", ADMIN);
        client.get("/deployments", SimulatorClient.basic("admin", "wrong"));

        assertThat(director.requests().all()).extracting(RecordedRequest::toString).containsExactly(
                "DIRECTOR GET /info [NONE] -> 200",
                "DIRECTOR GET /deployments/redis-dev/vms?format=full [BASIC] -> 302",
                "DIRECTOR GET /deployments [BASIC] -> 401");
        assertThat(director.requests().count("GET", "/deployments/*/vms?format=full")).isEqualTo(1);
        assertThat(director.requests().count("GET", "/deployments/*/vms?format=brief")).isZero();
    }
}
