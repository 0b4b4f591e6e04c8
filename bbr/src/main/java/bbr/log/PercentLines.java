package bbr.log;

/**
 * Renders copy progress as the original does on a pipe: an INFO line "Copying backup for job LABEL -- N% complete"
 * each time another 5 % of the expected size has passed.
 */
public final class PercentLines implements ProgressListener {

    private static final int STEP_PERCENT = 5;

    private final Logger logger;

    public PercentLines(Logger logger) {
        this.logger = logger;
    }

    @Override
    public Copy started(String label, long expectedBytes) {
        return new Copy() {
            private int lastReported;

            @Override
            public void advanced(long totalBytes) {
                if (expectedBytes <= 0) {
                    return;
                }
                int percent = (int) Math.min(100, totalBytes * 100 / expectedBytes);
                if (percent >= lastReported + STEP_PERCENT) {
                    lastReported = percent - percent % STEP_PERCENT;
                    logger.info("Copying backup for job %s -- %d%% complete", label, lastReported);
                }
            }

            @Override
            public void finished() {
            }
        };
    }
}
