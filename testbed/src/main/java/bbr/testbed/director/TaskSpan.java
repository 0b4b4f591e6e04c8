package bbr.testbed.director;

import java.time.Duration;
import java.time.Instant;

/** How long one Director task took as the Director ran it: from the request that made it to its end state. */
public record TaskSpan(long id, TaskKind kind, Instant created, Instant finished) {

    public Duration duration() {
        return Duration.between(created, finished);
    }
}
