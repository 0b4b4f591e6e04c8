package bbr.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code --script-timeout}, shared by both modes: off by default, because real database dumps take hours; when
 * set, a job script that runs longer is stopped and treated as failed, so the run unlocks and cleans up.
 */
final class ScriptTimeout {

    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

    @CommandLine.Option(names = "--script-timeout", paramLabel = "DURATION",
            description = "Stop any job script that runs longer than this, e.g. 90s, 45m, 2h30m (default: no limit)")
    String value;

    /** @throws IllegalArgumentException naming the flag when the value is not a duration */
    Duration duration() {
        if (value == null) {
            return null;
        }
        Matcher matcher = PART.matcher(value.strip());
        long seconds = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            seconds += switch (matcher.group(2)) {
                case "h" -> amount * 3600;
                case "m" -> amount * 60;
                default -> amount;
            };
            end = matcher.end();
        }
        if (end == 0 || end != value.strip().length() || seconds == 0) {
            throw new IllegalArgumentException("--script-timeout: invalid duration '" + value
                    + "' (use e.g. 90s, 45m or 2h30m)");
        }
        return Duration.ofSeconds(seconds);
    }
}
