package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class DeploymentsTest {

    private static final String ADMIN = SimulatorClient.basic("admin", "admin");

    private static DirectorSimulator director;
    private static SimulatorClient client;

    @BeforeAll
    static void start() {
        director = DirectorSimulator.builder()
                .deployment(Deployment.named("redis-dev").release("redis-test", "15.0.1").release("bpm", "1.2.3")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test", Job.backupOneRestoreAll())
                                .job("bpm", "bpm")))
                .deployment(Deployment.named("cf").release("capi", "1.150.0").team("team-a").cloudConfig("none")
                        .manifestLayout(ManifestLayout.V1)
                        .instanceGroup("api", g -> g.job("cloud_controller_ng", "capi")))
                .start();
        client = new SimulatorClient(director);
    }

    @AfterAll
    static void stop() {
        director.close();
    }

    @Test
    void list_isSortedByName_withReleasesStemcellsTeamsAndCloudConfig() {
        List<?> list = (List<?>) Json.parse(client.get("/deployments", ADMIN).body());

        assertThat(list.stream().map(d -> (Object) ((Map<?, ?>) d).get("name"))).containsExactly("cf", "redis-dev");
        Map<?, ?> redis = (Map<?, ?>) list.get(1);
        assertThat(redis.get("releases")).isEqualTo(List.of(Map.of("name", "bpm", "version", "1.2.3"),
                Map.of("name", "redis-test", "version", "15.0.1")));
        assertThat(redis.get("stemcells")).isEqualTo(List.of(
                Map.of("name", "bosh-warden-boshlite-ubuntu-jammy-go_agent", "version", "1.500")));
        assertThat(redis.get("cloud_config")).isEqualTo("latest");
        assertThat(((Map<?, ?>) list.get(0)).get("teams")).isEqualTo(List.of("team-a"));
        assertThat(((Map<?, ?>) list.get(0)).get("cloud_config")).isEqualTo("none");
    }

    @Test
    void manifest_v2_holdsTheJobReleaseAndBackupOneRestoreAll_whereBbrLooks() {
        HttpResponse<String> response = client.get("/deployments/redis-dev", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = Json.parseObject(response.body());
        assertThat(body).containsOnlyKeys("manifest");
        Map<String, Object> manifest = new Yaml().load((String) body.get("manifest"));
        assertThat(manifest).containsEntry("name", "redis-dev").doesNotContainKey("jobs");
        Map<?, ?> group = (Map<?, ?>) ((List<?>) manifest.get("instance_groups")).get(0);
        Map<?, ?> job = (Map<?, ?>) ((List<?>) group.get("jobs")).get(0);
        assertThat(group.get("name")).isEqualTo("redis");
        assertThat(job.get("name")).isEqualTo("redis-server");
        assertThat(job.get("release")).isEqualTo("redis-test");
        assertThat(job.get("properties")).isEqualTo(Map.of("bbr", Map.of("backup_one_restore_all", true)));
    }

    @Test
    void manifest_v1_usesJobsAndTemplates() {
        String text = (String) Json.parseObject(client.get("/deployments/cf", ADMIN).body()).get("manifest");
        Map<String, Object> manifest = new Yaml().load(text);

        assertThat(manifest).doesNotContainKey("instance_groups");
        Map<?, ?> group = (Map<?, ?>) ((List<?>) manifest.get("jobs")).get(0);
        assertThat(group.get("templates")).isEqualTo(List.of(Map.of("name", "cloud_controller_ng", "release", "capi")));
    }

    @Test
    void missingDeployment_is404_withTheDirectorsJsonError_onEveryDeploymentRoute() {
        String error = "{\"code\":70000,\"description\":\"Deployment 'nope' doesn't exist\"}";

        HttpResponse<String> manifest = client.get("/deployments/nope", ADMIN);
        assertThat(manifest.statusCode()).isEqualTo(404);
        assertThat(manifest.body()).isEqualTo(error);
        assertThat(client.get("/deployments/nope/vms?format=full", ADMIN).body()).isEqualTo(error);
        assertThat(client.post("/deployments/nope/ssh", ADMIN, "application/json", "{}").body()).isEqualTo(error);
    }

    @Test
    void aDeploymentRemovedAtRunTime_isGoneFromTheListAndItsRoutes() {
        director.addDeployment(Deployment.named("temporary"));
        assertThat(client.get("/deployments/temporary", ADMIN).statusCode()).isEqualTo(200);

        director.removeDeployment("temporary");

        assertThat(client.get("/deployments/temporary", ADMIN).statusCode()).isEqualTo(404);
        assertThat(client.get("/deployments", ADMIN).body()).doesNotContain("temporary");
    }

    @Test
    void unknownRoutes_andSshWithoutJsonContentType_areSinatrasNotFound() {
        HttpResponse<String> unknown = client.get("/deployments/redis-dev/errands", ADMIN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("Endpoint '/deployments/redis-dev/errands' not found.");

        HttpResponse<String> textSsh = client.post("/deployments/redis-dev/ssh", ADMIN, "text/plain", "{}");
        assertThat(textSsh.statusCode()).isEqualTo(404);
        assertThat(director.requests().matching("POST", "/deployments/*/ssh")).last()
                .satisfies(r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void malformedSshJson_isA500WithAnEmptyBody_andStartsNoTask() {
        HttpResponse<String> response = client.post("/deployments/redis-dev/ssh", ADMIN, "application/json", "{bad");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEmpty();
    }
}
