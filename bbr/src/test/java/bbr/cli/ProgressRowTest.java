package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressRowTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void showsLabel_percent_bytes_throughput_andEta() {
        String row = ProgressRow.format("blobstore on bosh/0", 25 * MIB, 100 * MIB, Duration.ofSeconds(5), 80);

        assertThat(row).startsWith("  blobstore on bosh/0 ").contains(" 25% ").contains("25M / 100M")
                .contains("5.0M/s").endsWith("ETA 0:15");
        assertThat(row.length()).isLessThanOrEqualTo(79);
    }

    @Test
    void neverWiderThanTheTerminal_cuttingTheLabel() {
        String label = "redis-server on redis/6d9f0a4e-2b6c-4d57-9b1c-2c6f0e8a1234";
        for (int width : new int[] {40, 60, 80, 120, 200}) {
            String row = ProgressRow.format(label, 3 * MIB, 10 * MIB, Duration.ofSeconds(3), width);
            assertThat(row.length()).as("width " + width).isLessThan(width);
        }
        assertThat(ProgressRow.format(label, 3 * MIB, 10 * MIB, Duration.ofSeconds(3), 80))
                .contains("redis-server on redis/").contains("...");
        assertThat(ProgressRow.format(label, 3 * MIB, 10 * MIB, Duration.ofSeconds(3), 140))
                .contains(label).contains("[======              ]");
    }

    @Test
    void beforeTheRateSettles_andWithoutAnExpectedSize_showsNoGuesses() {
        assertThat(ProgressRow.format("j on g/0", 0, 10 * MIB, Duration.ofMillis(100), 80))
                .contains("  0% ").contains("--/s").endsWith("ETA --:--");
        assertThat(ProgressRow.format("j on g/0", 5 * MIB, 0, Duration.ofSeconds(2), 80))
                .contains("--%").contains("5.0M / ?").endsWith("ETA --:--");
    }

    @Test
    void etaClock_switchesToHours() {
        assertThat(ProgressRow.clock(59)).isEqualTo("0:59");
        assertThat(ProgressRow.clock(3 * 3600 + 62)).isEqualTo("3:01:02");
    }
}
