package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskProtocolTest {

    private static final String ADMIN = SimulatorClient.basic("admin", "admin");

    private static DirectorSimulator director;
    private static SimulatorClient client;

    @BeforeAll
    static void start() {
        director = DirectorSimulator.builder().firstTaskId(4711).taskTimeout(Duration.ofSeconds(2))
                .deployment(Deployment.named("dep")).start();
        client = new SimulatorClient(director);
    }

    @AfterAll
    static void stop() {
        director.close();
    }

    @BeforeEach
    void noFaults() {
        director.faults().clear();
    }

    @Test
    void vms_redirectsWith302ToAnAbsoluteTaskUrl_builtFromTheHostHeader() {
        HttpResponse<String> response = client.get("/deployments/dep/vms?format=full", ADMIN);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .matches("https://127\\.0\\.0\\.1:" + director.port() + "/tasks/\\d+");
        assertThat(SimulatorClient.taskId(response)).isGreaterThanOrEqualTo(4711);
    }

    @Test
    void task_goesQueuedProcessingDone_withTimestampsOnlyOnceItStartsAndEnds() throws InterruptedException {
        long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));
        Map<String, Object> queued = Json.parseObject(client.get("/tasks/" + id, ADMIN).body());

        assertThat(queued).containsEntry("id", id).containsEntry("state", "queued").containsEntry("started_at", null)
                .containsEntry("timestamp", null).containsEntry("description", "retrieve vm-stats")
                .containsEntry("deployment", "dep").containsEntry("user", "admin");
        assertThat(client.pollUntilFinished(id, ADMIN)).containsExactly("queued", "processing", "done");
        Map<String, Object> done = Json.parseObject(client.get("/tasks/" + id, ADMIN).body());
        assertThat(done.get("started_at")).isInstanceOf(Long.class);
        assertThat(done.get("timestamp")).isInstanceOf(Long.class);
    }

    @Test
    void eventOutput_ofASuccessfulTask_isEmpty_so416ForBytesFromZero() throws InterruptedException {
        long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));
        client.pollUntilFinished(id, ADMIN);

        HttpResponse<String> events = client.get("/tasks/" + id + "/output?type=event", ADMIN, "Range", "bytes=0-");

        assertThat(events.statusCode()).isEqualTo(416);
        assertThat(events.headers().firstValue("Content-Range")).hasValue("bytes */0");
        assertThat(client.get("/tasks/" + id + "/output?type=result", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void failedTask_endsInError_withTheMessageAsResult_andAnErrorEvent() throws InterruptedException {
        director.faults().failNextTask(TaskKind.VMS, "Timed out sending 'get_state' to instance 'redis/0'");
        long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));

        assertThat(client.pollUntilFinished(id, ADMIN)).endsWith("error");
        Map<String, Object> task = Json.parseObject(client.get("/tasks/" + id, ADMIN).body());
        assertThat(task).containsEntry("result", "Timed out sending 'get_state' to instance 'redis/0'");
        HttpResponse<String> events = client.get("/tasks/" + id + "/output?type=event", ADMIN, "Range", "bytes=0-");
        assertThat(events.statusCode()).isEqualTo(206);
        Map<String, Object> event = Json.parseObject(events.body().strip());
        assertThat(event.get("error")).isEqualTo(Map.of("code", 100L,
                "message", "Timed out sending 'get_state' to instance 'redis/0'"));
        assertThat(events.headers().firstValue("Content-Range").orElseThrow())
                .isEqualTo("bytes 0-" + (events.body().length() - 1) + "/" + events.body().length());
        String tail = client.get("/tasks/" + id + "/output?type=event", ADMIN, "Range",
                "bytes=" + events.body().length() + "-").body();
        assertThat(tail).isEqualTo("Byte range unsatisfiable");
    }

    @Test
    void slowTask_staysProcessing_untilItsTimeIsUp() throws InterruptedException {
        director.faults().slowNextTask(TaskKind.VMS, Duration.ofMillis(1200));
        long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));
        long start = System.nanoTime();

        assertThat(client.pollUntilFinished(id, ADMIN)).containsExactly("queued", "processing", "done");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void aTaskProcessingPastTheTimeout_readsAsTimeout() throws InterruptedException {
        director.faults().slowNextTask(TaskKind.VMS, Duration.ofHours(1));
        long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));

        assertThat(client.pollUntilFinished(id, ADMIN)).containsExactly("queued", "processing", "timeout");
    }

    @Test
    void cancelledTask_isReportedAsCancelled() throws InterruptedException {
        director.faults().endNextTask(TaskKind.VMS, "cancelled", "Task 1 cancelled");
        long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));

        assertThat(client.pollUntilFinished(id, ADMIN)).endsWith("cancelled");
    }

    @Test
    void tenConcurrentTasks_allFinish_withDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(pool.submit(() -> {
                    long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));
                    assertThat(client.pollUntilFinished(id, ADMIN)).endsWith("done");
                    return id;
                }));
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownTask_is404_withTaskNotFound() {
        HttpResponse<String> response = client.get("/tasks/999999", ADMIN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"code\":10000,\"description\":\"Task 999999 not found\"}");
    }

    @Test
    void outputWithAnUnknownType_isRefused() {
        long id = SimulatorClient.taskId(client.get("/deployments/dep/vms?format=full", ADMIN));

        assertThat(client.get("/tasks/" + id + "/output?type=secret", ADMIN).statusCode()).isEqualTo(401);
        assertThat(client.get("/tasks/" + id + "/output?type=none", ADMIN).statusCode()).isEqualTo(204);
    }
}
