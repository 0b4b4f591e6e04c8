package bbr.testbed.director;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * What goes wrong with one task: it ends in a bad state, runs slowly or for ever, or until something happens, an
 * SSH setup fails after some instances, or its result text is rewritten (to send what a broken Director or agent
 * would).
 */
record TaskFault(String endState, String message, Duration processing, int instancesBeforeFailure,
        UnaryOperator<String> resultRewrite, BooleanSupplier holdUntil) {

    static final int NO_PARTIAL = -1;

    static TaskFault endIn(String state, String message) {
        return new TaskFault(state, message, null, NO_PARTIAL, null, null);
    }

    static TaskFault slow(Duration processing) {
        return new TaskFault(null, null, processing, NO_PARTIAL, null, null);
    }

    static TaskFault partialSshSetup(int instances, String message) {
        return new TaskFault("error", message, null, instances, null, null);
    }

    static TaskFault rewrite(UnaryOperator<String> rewrite) {
        return new TaskFault(null, null, null, NO_PARTIAL, rewrite, null);
    }

    static TaskFault holdUntil(BooleanSupplier condition) {
        return new TaskFault(null, null, null, NO_PARTIAL, null, condition);
    }
}
