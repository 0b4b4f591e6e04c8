package bbr.orchestration;

import bbr.log.Failures;
import bbr.instance.Instance;
import bbr.log.Logger;
import java.util.List;

/**
 * Discovery and release around a workflow's body: whatever the body does or throws, the connections are
 * closed and temporary users removed, and a failed release is recorded as a cleanup error.
 */
final class Session {

    /** The part of a workflow that runs against discovered instances. */
    interface Body {
        void run(Deployment deployment) throws BbrError;
    }

    private Session() {
    }

    static void run(InstanceSource source, Logger logger, Outcome outcome, Body body) {
        logger.info("Looking for scripts");
        List<Instance> instances;
        try {
            instances = source.discover();
        } catch (BbrError e) {
            outcome.add(e);
            return;
        }
        try {
            body.run(new Deployment(source.name(), instances, logger, source::finished));
        } catch (BbrError e) {
            outcome.add(e);
        } catch (RuntimeException e) {
            outcome.add(new BbrError(ErrorKind.GENERAL, "unexpected failure: " + Failures.describe(e), e));
        } finally {
            try {
                source.release();
            } catch (BbrError e) {
                outcome.add(e);
            }
        }
    }

    /** Reports every error and returns whether there were any, so a step can stop the workflow. */
    static boolean failed(Outcome outcome, List<BbrError> errors) {
        outcome.addAll(errors);
        return !errors.isEmpty();
    }
}
