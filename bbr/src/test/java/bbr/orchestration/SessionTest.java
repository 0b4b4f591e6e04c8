package bbr.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.instance.Instance;
import bbr.log.Logger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final BbrError CORRUPT = new BbrError(ErrorKind.GENERAL, "Backup is corrupted: x.tar");

    @Test
    void aFailingBody_isReported_andTheSourceIsStillReleased() {
        Outcome outcome = new Outcome();
        Source source = new Source(null);

        Session.run(source, Logger.discarding(), outcome, deployment -> {
            throw CORRUPT;
        });

        assertThat(outcome.errors()).containsExactly(CORRUPT);
        assertThat(source.released).isTrue();
    }

    @Test
    void aFailedDiscovery_isReported_andTheBodyNeverRuns() {
        Outcome outcome = new Outcome();
        BbrError unreachable = new BbrError(ErrorKind.GENERAL, "ssh: cannot connect to 10.0.0.5:22");
        Source source = new Source(unreachable);

        Session.run(source, Logger.discarding(), outcome, deployment -> {
            throw new AssertionError("the body must not run");
        });

        assertThat(outcome.errors()).containsExactly(unreachable);
        assertThat(source.released).as("discovery releases what it set up itself").isFalse();
    }

    /** An instance source whose discovery throws {@code failure} (if any) and otherwise finds no instance. */
    private static final class Source implements InstanceSource {
        private final BbrError failure;
        private boolean released;

        Source(BbrError failure) {
            this.failure = failure;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public List<Instance> discover() throws BbrError {
            if (failure != null) {
                throw failure;
            }
            return List.of();
        }

        @Override
        public void release() {
            released = true;
        }
    }
}
