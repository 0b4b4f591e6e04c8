package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.testbed.vm.Vm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshTargetTest {

    // The target rules never touch a VM: instances without one are enough here.
    private static final List<Vm> NO_VMS = Arrays.asList(null, null, null);
    private static final Deployment DEPLOYMENT = DeploymentYaml.read("""
            name: dep
            instance_groups:
            - name: redis
              instances: [{vm: 0}, {vm: 1}]
            - name: web
              instances: [{vm: 2}]
            """, NO_VMS).build();

    @Test
    void jobWithEmptyIdsAndIndexes_targetsTheWholeGroup() {
        assertThat(select(Map.of("job", "redis", "ids", List.of(), "indexes", List.of())))
                .extracting(Instance::index).containsExactly(0, 1);
    }

    @Test
    void noJob_targetsTheWholeDeployment() {
        assertThat(select(Map.of("ids", List.of(), "indexes", List.of()))).hasSize(3);
    }

    @Test
    void ids_winOverIndexes_andAnAllDigitIdIsAnIndex() {
        String uuid = DEPLOYMENT.instance("redis", 1).id();

        assertThat(select(Map.of("job", "redis", "ids", List.of(uuid), "indexes", List.of(uuid))))
                .extracting(Instance::id).containsExactly(uuid);
        assertThat(select(Map.of("job", "redis", "ids", List.of("0"), "indexes", List.of("1"))))
                .extracting(Instance::index).containsExactly(0);
        assertThat(select(Map.of("job", "redis", "ids", List.of(), "indexes", List.of(1L))))
                .extracting(Instance::index).containsExactly(1);
    }

    @Test
    void noMatch_failsTheTask_withTheDirectorsMessage() {
        assertThatThrownBy(() -> select(Map.of("job", "web", "ids", List.of("5"), "indexes", List.of())))
                .isInstanceOf(TaskFailure.class)
                .hasMessage("No instance with a VM in deployment 'dep' matched filter {:job=>\"web\", :index=>[5]}");
    }

    @Test
    void missingIds_crashesTheTask_asTheDirectorsUnguardedLoopDoes() {
        assertThatThrownBy(() -> select(Map.of("job", "redis"))).isInstanceOf(TaskFailure.class)
                .hasMessageContaining("undefined method `each' for nil");
    }

    @Test
    void describe_printsTheTargetAsRubyWould() {
        assertThat(SshTarget.describe(Map.of("job", "redis")))
                .isEqualTo("{\"job\"=>\"redis\"}");
    }

    private static List<Instance> select(Map<String, Object> target) {
        return SshTarget.from(target).select(DEPLOYMENT);
    }
}
