package bbr.log;

/**
 * Byte progress of artifact copies, as events: a copy starts with its expected size, advances, and finishes.
 * Printers decide how it looks: the original's percent log lines on a pipe, a live status block on a terminal.
 */
public interface ProgressListener {

    /** Starts following one copy; {@code expectedBytes} is an estimate ({@code du}), 0 or less when unknown. */
    Copy started(String label, long expectedBytes);

    /** One copy in flight; events come from the copying thread, so implementations must be cheap. */
    interface Copy {

        /** {@code totalBytes} have passed so far. */
        void advanced(long totalBytes);

        /** The copy ended, well or not; no more events follow. */
        void finished();
    }

    /** Hears nothing. */
    static ProgressListener none() {
        return (label, expectedBytes) -> new Copy() {
            @Override
            public void advanced(long totalBytes) {
            }

            @Override
            public void finished() {
            }
        };
    }

    /** Every event goes to both listeners. */
    static ProgressListener both(ProgressListener first, ProgressListener second) {
        return (label, expectedBytes) -> {
            Copy one = first.started(label, expectedBytes);
            Copy two = second.started(label, expectedBytes);
            return new Copy() {
                @Override
                public void advanced(long totalBytes) {
                    one.advanced(totalBytes);
                    two.advanced(totalBytes);
                }

                @Override
                public void finished() {
                    one.finished();
                    two.finished();
                }
            };
        };
    }

    /** The same events with every label prefixed, e.g. by the deployment's name under --all-deployments. */
    default ProgressListener labelled(String prefix) {
        return (label, expectedBytes) -> started(prefix + label, expectedBytes);
    }
}
