package bbr.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.instance.Instance;
import bbr.log.Logger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final BbrError CORRUPT = new BbrError(ErrorKind.GENERAL, "Backup is corrupted: x.tar");

    @Test
    void whenDiscoveryAndThePreconditionBothFail_thePreconditionIsReportedFirst() {
        Outcome outcome = new Outcome();
        BbrError unreachable = new BbrError(ErrorKind.GENERAL, "ssh: cannot connect to 10.0.0.5:22");

        Session.run(new Source(() -> {
            throw unreachable;
        }), Logger.discarding(), outcome, () -> {
            throw CORRUPT;
        }, deployment -> {
            throw new AssertionError("the body must not run");
        });

        assertThat(outcome.errors()).containsExactly(CORRUPT, unreachable);
    }

    @Test
    void aPreconditionThatDiscoveryAlreadyThrew_isReportedOnce() {
        Outcome outcome = new Outcome();
        BeforeChanges refuse = () -> {
            throw CORRUPT;
        };

        Session.run(new Source(refuse), Logger.discarding(), outcome, refuse, deployment -> {
            throw new AssertionError("the body must not run");
        });

        assertThat(outcome.errors()).containsExactly(CORRUPT);
    }

    @Test
    void aFailingPrecondition_stopsTheBody_andTheSourceIsStillReleased() {
        Outcome outcome = new Outcome();
        Source source = new Source(() -> {
        });

        Session.run(source, Logger.discarding(), outcome, () -> {
            throw CORRUPT;
        }, deployment -> {
            throw new AssertionError("the body must not run");
        });

        assertThat(outcome.errors()).containsExactly(CORRUPT);
        assertThat(source.released).isTrue();
    }

    /** An instance source whose discovery runs {@code discovery} and finds no instance. */
    private static final class Source implements InstanceSource {
        private final BeforeChanges discovery;
        private boolean released;

        Source(BeforeChanges discovery) {
            this.discovery = discovery;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public List<Instance> discover(BeforeChanges beforeChanges) throws BbrError {
            discovery.await();
            return List.of();
        }

        @Override
        public void release() {
            released = true;
        }
    }
}
