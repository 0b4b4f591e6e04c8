package bbr.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinePrinterTest {

    private final List<String> lines = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T00:15:00Z"), ZoneOffset.UTC);

    @Test
    void printsTheOriginalsLayout_andDebugOnlyWhenAskedFor() {
        new LinePrinter(lines::add, false, clock).info("Looking for scripts");
        new LinePrinter(lines::add, false, clock).debug("hidden");
        new LinePrinter(lines::add, true, clock).debug("shown");

        assertThat(lines).containsExactly("[bbr] 2026/11/27 00:15:00 INFO - Looking for scripts",
                "[bbr] 2026/11/27 00:15:00 DEBUG - shown");
    }

    @Test
    void nulCharacters_becomeVisible() {
        new LinePrinter(lines::add, true, clock).debug("stdout: abc  ./a\0def  ./b\0");
        assertThat(lines).containsExactly("[bbr] 2026/11/27 00:15:00 DEBUG - stdout: abc  ./a\\0def  ./b\\0");
    }
}
