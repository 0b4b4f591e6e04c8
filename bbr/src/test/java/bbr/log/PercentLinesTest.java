package bbr.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentLinesTest {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = (level, message) -> lines.add(level + " - " + message);

    @Test
    void reportsEveryFivePercent_roundedDown_once() {
        ProgressListener.Copy copy = new PercentLines(logger).started("redis on redis/0", 1000);
        for (long bytes : new long[] {10, 49, 50, 51, 120, 990, 1000, 1200}) {
            copy.advanced(bytes);
        }
        copy.finished();

        assertThat(lines).containsExactly(
                "INFO - Copying backup for job redis on redis/0 -- 5% complete",
                "INFO - Copying backup for job redis on redis/0 -- 10% complete",
                "INFO - Copying backup for job redis on redis/0 -- 95% complete",
                "INFO - Copying backup for job redis on redis/0 -- 100% complete");
    }

    @Test
    void unknownSize_reportsNothing() {
        ProgressListener.Copy copy = new PercentLines(logger).started("x", 0);
        copy.advanced(12345);
        assertThat(lines).isEmpty();
    }

    @Test
    void loggersShowPercentLinesByDefault_andLabelledListenersPrefixTheLabel() {
        logger.progress().labelled("cf: ").started("capi on api/0", 100).advanced(100);
        assertThat(lines).containsExactly("INFO - Copying backup for job cf: capi on api/0 -- 100% complete");
    }
}
