package bbr.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.orchestration.BbrError;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllDeploymentsTest {

    @Test
    void runsEveryDeployment_atMostWidthAtOnce_andReportsInListingOrder() {
        List<String> names = IntStream.range(0, 25).mapToObj(i -> "dep-" + i).toList();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        List<AllDeployments.Result> results = AllDeployments.run(names, AllDeployments.WIDTH, name -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            Outcome outcome = new Outcome();
            if (name.endsWith("7")) {
                outcome.add(new BbrError(ErrorKind.LOCK, name + " would not lock"));
            }
            return outcome;
        });

        assertThat(results).extracting(AllDeployments.Result::deployment).isEqualTo(names);
        assertThat(results).filteredOn(AllDeployments.Result::failed).extracting(AllDeployments.Result::deployment)
                .containsExactly("dep-7", "dep-17");
        assertThat(most.get()).isBetween(2, AllDeployments.WIDTH);
    }

    @Test
    void aDeploymentThatThrows_failsAlone() {
        List<AllDeployments.Result> results = AllDeployments.run(List.of("a", "b"), 10, name -> {
            if (name.equals("a")) {
                throw new IllegalStateException("boom");
            }
            return new Outcome();
        });

        assertThat(results.get(0).failed()).isTrue();
        assertThat(results.get(0).outcome().errors().get(0).getMessage()).contains("boom");
        assertThat(results.get(1).failed()).isFalse();
    }
}
