package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptTimeoutTest {

    private static Duration parse(String value) {
        ScriptTimeout option = new ScriptTimeout();
        option.value = value;
        return option.duration();
    }

    @Test
    void acceptsHoursMinutesAndSeconds_inCombination() {
        assertThat(parse(null)).isNull();
        assertThat(parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(parse("45m")).isEqualTo(Duration.ofMinutes(45));
        assertThat(parse("2h30m")).isEqualTo(Duration.ofMinutes(150));
        assertThat(parse("1h0m5s")).isEqualTo(Duration.ofSeconds(3605));
    }

    @Test
    void rejectsAnythingElse_namingTheFlag() {
        for (String bad : new String[] {"", "10", "5x", "m5", "0s", "1h 5m", "-5s"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).hasMessageStartingWith("--script-timeout: invalid duration");
        }
    }
}
