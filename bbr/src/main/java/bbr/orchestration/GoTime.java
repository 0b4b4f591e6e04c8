package bbr.orchestration;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** A time written like Go's {@code time.Time.String()}, which the original's completion lines embed. */
final class GoTime {

    private static final DateTimeFormatter LAYOUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn Z z");

    private GoTime() {
    }

    static String format(ZonedDateTime time) {
        return time.format(LAYOUT);
    }
}
