package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.vm.FarmOptions;
import bbr.testbed.vm.KeyFormat;
import bbr.testbed.vm.KeyPairFiles;
import bbr.testbed.vm.KeyType;
import bbr.testbed.vm.TestKeys;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A VM whose sshd is not on port 22: the Director reports "IP:PORT" so that bbr dials the right port. */
class SshPortTest {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.with(FarmOptions.vms(1).withPreferredSshPort(2222));

    private static final String ADMIN = SimulatorClient.basic("admin", "admin");

    @TempDir
    Path work;

    @Test
    void ipAndIps_carryThePort_andTheUserCanLogInThere() throws Exception {
        Vm vm = VMS.vm(0);
        KeyPairFiles key = TestKeys.generate(work, "k", KeyType.RSA, KeyFormat.PEM, "");
        try (DirectorSimulator director = DirectorSimulator.builder()
                .deployment(Deployment.named("d").instanceGroup("g", g -> g.instance(vm))).start()) {
            SimulatorClient client = new SimulatorClient(director);
            String[] publicKey = key.publicKeyLine().split(" ");
            long setup = SimulatorClient.taskId(client.post("/deployments/d/ssh", ADMIN, "application/json",
                    Json.write(Map.of("command", "setup", "params", Map.of("user", "bosh_port", "public_key",
                            publicKey[0] + " " + publicKey[1] + "\n"), "target", Map.of("job", "g", "ids", List.of(),
                            "indexes", List.of())))));
            long vms = SimulatorClient.taskId(client.get("/deployments/d/vms?format=full", ADMIN));
            client.pollUntilFinished(setup, ADMIN);
            client.pollUntilFinished(vms, ADMIN);

            Map<?, ?> result = (Map<?, ?>) ((List<?>) Json.parse(
                    client.get("/tasks/" + setup + "/output?type=result", ADMIN).body())).get(0);
            Map<String, Object> line = Json.parseObject(client.get("/tasks/" + vms + "/output?type=result", ADMIN)
                    .body().strip());

            assertThat(vm.port()).isNotEqualTo(22);
            assertThat(result.get("ip")).isEqualTo(vm.host() + ":" + vm.port());
            assertThat(line.get("ips")).isEqualTo(List.of(result.get("ip")));
            assertThat(SshLogin.run(vm, "bosh_port", key.privateKey(), result.get("host_public_key").toString(),
                    "whoami", work)).isEqualTo("0\nbosh_port\n");
        } finally {
            vm.removeUser("bosh_port");
        }
    }
}
