package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import bbr.testbed.vm.KeyFormat;
import bbr.testbed.vm.KeyPairFiles;
import bbr.testbed.vm.KeyType;
import bbr.testbed.vm.TestKeys;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Director's VM list and SSH sessions against real test-bed VMs. */
class VmsAndSshTest {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(2);

    private static final String ADMIN = SimulatorClient.basic("admin", "admin");
    private static CertificateAuthority ca;

    @TempDir
    Path work;
    private DirectorSimulator director;
    private SimulatorClient client;
    private KeyPairFiles key;
    private String user;

    @BeforeAll
    static void oneCa() {
        ca = CertificateAuthority.generate("test CA");
    }

    @BeforeEach
    void start() {
        Vm vm0 = VMS.vm(0);
        Vm vm1 = VMS.vm(1);
        director = DirectorSimulator.builder().ca(ca)
                .deployment(Deployment.named("redis-dev").release("redis-test")
                        .instanceGroup("redis", g -> g.job("redis-server", "redis-test", Job.backupOneRestoreAll())
                                .instance(vm0, false).instance(vm1, true)))
                .start();
        client = new SimulatorClient(director);
        key = TestKeys.generate(work, "bosh_key", KeyType.RSA, KeyFormat.PEM, "");
        user = "bosh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    }

    @AfterEach
    void stop() {
        director.close();
        for (Vm vm : VMS.farm().vms()) {
            vm.users().stream().filter(u -> u.startsWith("bosh_")).forEach(vm::removeUser);
        }
    }

    @Test
    void vmsTask_resultIsOneJsonLinePerVm_withEveryFieldARealDirectorWrites() throws InterruptedException {
        HttpResponse<String> redirect = client.get("/deployments/redis-dev/vms?format=full", ADMIN);
        long id = SimulatorClient.taskId(redirect);
        assertThat(client.pollUntilFinished(id, ADMIN)).endsWith("done");

        String result = client.get("/tasks/" + id + "/output?type=result", ADMIN).body();

        assertThat(result).endsWith("\n");
        List<String> lines = result.lines().toList();
        assertThat(lines).hasSize(2);
        Map<String, Object> first = Json.parseObject(lines.get(0));
        assertThat(first).containsKeys("vm_cid", "active", "vm_created_at", "cloud_properties", "disk_cid",
                "disk_cids", "agent_id", "job_state", "state", "vm_type", "vitals", "processes", "az", "ignore",
                "stemcell");
        Instance instance0 = director.deployment("redis-dev").instance("redis", 0);
        assertThat(first).containsEntry("job_name", "redis").containsEntry("index", 0L)
                .containsEntry("id", instance0.id()).containsEntry("bootstrap", false)
                .containsEntry("ips", List.of(expectedIp(VMS.vm(0))));
        assertThat(Json.parseObject(lines.get(1))).containsEntry("index", 1L).containsEntry("bootstrap", true);
        assertThat(first.get("vm_created_at").toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(((Map<?, ?>) ((Map<?, ?>) first.get("vitals")).get("mem")).get("kb")).isInstanceOf(String.class);
    }

    @Test
    void sshSetup_createsTheUserOnEveryVmOfTheGroup_andReportsHostAndHostKeyToPin() throws Exception {
        long id = SimulatorClient.taskId(setup(group("redis")));
        assertThat(client.pollUntilFinished(id, ADMIN)).endsWith("done");

        List<?> results = (List<?>) Json.parse(client.get("/tasks/" + id + "/output?type=result", ADMIN).body());

        assertThat(results).hasSize(2);
        for (int index = 0; index < 2; index++) {
            Vm vm = VMS.vm(index);
            Map<?, ?> result = (Map<?, ?>) results.get(index);
            assertThat(result.get("command")).isEqualTo("setup");
            assertThat(result.get("status")).isEqualTo("success");
            assertThat(result.get("ip")).isEqualTo(expectedIp(vm));
            assertThat(result.get("id")).isEqualTo(director.deployment("redis-dev").instance("redis", index).id());
            assertThat(result.get("index")).isEqualTo((long) index);
            assertThat(result.get("job")).isEqualTo("redis");
            assertThat(result.get("host_public_key").toString()).startsWith(vm.hostPublicKey() + " ").endsWith("\n");
            assertThat(vm.users()).contains(user);
            String login = SshLogin.run(vm, user, key.privateKey(), result.get("host_public_key").toString(),
                    "whoami; sudo -n whoami", work);
            assertThat(login).isEqualTo("0\n" + user + "\nroot\n");
        }
        assertThat(director.sshCalls()).extracting(SshCall::command, SshCall::index, SshCall::user)
                .containsExactly(tuple("setup", 0, user),
                        tuple("setup", 1, user));
    }

    @Test
    void sshCleanup_perInstance_removesTheUserFromThatVmOnly() throws InterruptedException {
        client.pollUntilFinished(SimulatorClient.taskId(setup(group("redis"))), ADMIN);
        String instance1 = director.deployment("redis-dev").instance("redis", 1).id();

        HttpResponse<String> cleanup = client.post("/deployments/redis-dev/ssh", ADMIN, "application/json",
                Json.write(Map.of("command", "cleanup", "deployment_name", "redis-dev",
                        "params", Map.of("user_regex", "^" + user),
                        "target", Map.of("job", "redis", "ids", List.of(instance1), "indexes", List.of(instance1)))));
        assertThat(cleanup.statusCode()).isEqualTo(302);
        assertThat(client.pollUntilFinished(SimulatorClient.taskId(cleanup), ADMIN)).endsWith("done");

        assertThat(VMS.vm(1).users()).doesNotContain(user).contains("vcap");
        assertThat(VMS.vm(0).users()).contains(user);
        assertThat(director.usersLeftOnVms()).containsOnlyKeys("redis-dev:redis/"
                + director.deployment("redis-dev").instance("redis", 0).id());
        assertThat(director.sshCalls()).last().satisfies(call -> {
            assertThat(call.command()).isEqualTo("cleanup");
            assertThat(call.removedUsers()).containsExactly(user);
        });
        assertThat(director.requests().sshRequests("cleanup")).hasSize(1);
    }

    @Test
    void sshSetupFailingPartway_leavesTheUsersItMade_andEndsInError_untilAGroupCleanupRemovesThem()
            throws InterruptedException {
        director.faults().failNextSshSetupAfter(1, "Timed out sending 'ssh' to instance: 'redis/1'");
        long id = SimulatorClient.taskId(setup(group("redis")));

        assertThat(client.pollUntilFinished(id, ADMIN)).endsWith("error");
        assertThat(Json.parseObject(client.get("/tasks/" + id, ADMIN).body()))
                .containsEntry("result", "Timed out sending 'ssh' to instance: 'redis/1'");
        assertThat(VMS.vm(0).users()).contains(user);
        assertThat(VMS.vm(1).users()).doesNotContain(user);

        HttpResponse<String> cleanup = client.post("/deployments/redis-dev/ssh", ADMIN, "application/json",
                Json.write(Map.of("command", "cleanup", "params", Map.of("user_regex", "^" + user),
                        "target", group("redis"))));
        client.pollUntilFinished(SimulatorClient.taskId(cleanup), ADMIN);
        assertThat(director.usersLeftOnVms()).isEmpty();
    }

    @Test
    void sshSetup_forAGroupThatDoesNotExist_failsTheTaskLikeARealDirector() throws InterruptedException {
        long id = SimulatorClient.taskId(setup(group("nope")));

        assertThat(client.pollUntilFinished(id, ADMIN)).endsWith("error");
        assertThat(Json.parseObject(client.get("/tasks/" + id, ADMIN).body()).get("result"))
                .isEqualTo("No instance with a VM in deployment 'redis-dev' matched filter {:job=>\"nope\"}");
    }

    @Test
    void aWindowsInstance_answersTheOsProbeWithWindowsNt_andRunsOtherCommands() throws Exception {
        director.addDeployment(Deployment.named("windows").release("r")
                .instanceGroup("win", g -> g.job("j", "r").windowsInstance(VMS.vm(1), true)));
        long id = SimulatorClient.taskId(client.post("/deployments/windows/ssh", ADMIN, "application/json",
                Json.write(Map.of("command", "setup", "params", Map.of("user", user, "public_key", publicKey()),
                        "target", group("win")))));
        client.pollUntilFinished(id, ADMIN);
        String hostKey = ((Map<?, ?>) ((List<?>) Json.parse(
                client.get("/tasks/" + id + "/output?type=result", ADMIN).body())).get(0)).get("host_public_key")
                .toString();

        assertThat(SshLogin.run(VMS.vm(1), user, key.privateKey(), hostKey, "echo %OS%", work))
                .isEqualTo("0\nWindows_NT\n");
        assertThat(SshLogin.run(VMS.vm(1), user, key.privateKey(), hostKey, "echo $((6*7))", work))
                .isEqualTo("0\n42\n");
    }

    private HttpResponse<String> setup(Map<String, Object> target) {
        return client.post("/deployments/redis-dev/ssh", ADMIN, "application/json", Json.write(Map.of(
                "command", "setup", "deployment_name", "redis-dev",
                "params", Map.of("user", user, "public_key", publicKey()), "target", target)));
    }

    /** What bosh-cli sends: "ssh-rsa BASE64\n", no comment (director-api.md §7.1). */
    private String publicKey() {
        String[] fields = key.publicKeyLine().split("\\s+");
        return fields[0] + " " + fields[1] + "\n";
    }

    private static Map<String, Object> group(String name) {
        return Map.of("job", name, "ids", List.of(), "indexes", List.of());
    }

    private static String expectedIp(Vm vm) {
        return vm.port() == 22 ? vm.host() : vm.host() + ":" + vm.port();
    }
}
