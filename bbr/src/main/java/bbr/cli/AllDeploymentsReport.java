package bbr.cli;

import bbr.deployment.AllDeployments;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The original's {@code --all-deployments} console lines and stderr summary, as text. */
final class AllDeploymentsReport {

    static final String SEPARATOR = "-------------------------";
    static final String ADVICE = "It is recommended that you run `bbr deployment --all-deployments backup-cleanup`"
            + " to ensure that any temp files are cleaned up and all jobs are unlocked.";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private AllDeploymentsReport() {
    }

    /** {@code [HH:MM:SS] text}, the time in UTC. */
    static String stamped(ZonedDateTime now, String text) {
        return "[" + now.withZoneSameInstant(ZoneOffset.UTC).format(TIME) + "] " + text;
    }

    /** The lines before any deployment starts. */
    static List<String> pending(List<String> deployments) {
        return List.of("Pending: " + String.join(", ", deployments), SEPARATOR);
    }

    /** The lines after every deployment ended: who succeeded and, if any did not, who failed. */
    static List<String> summary(AllDeploymentsWording wording, List<AllDeployments.Result> results) {
        List<String> lines = new ArrayList<>();
        lines.add(SEPARATOR);
        lines.add("Successfully " + wording.done + ": " + String.join(", ", names(results, false)));
        List<String> failed = names(results, true);
        if (!failed.isEmpty()) {
            lines.add("FAILED: " + String.join(", ", failed));
        }
        return lines;
    }

    /**
     * The stderr text after a failure: how many failed and which, then each one's error block indented, then the
     * advice when given.
     */
    static String errors(AllDeploymentsWording wording, List<AllDeployments.Result> results, String advice) {
        List<AllDeployments.Result> failed = results.stream().filter(AllDeployments.Result::failed).toList();
        StringBuilder text = new StringBuilder();
        text.append(failed.size()).append(" out of ").append(results.size()).append(" deployments ")
                .append(wording.notDone).append(":\n");
        failed.forEach(result -> text.append("  ").append(result.deployment()).append('\n'));
        text.append('\n');
        for (AllDeployments.Result result : failed) {
            text.append("Deployment '").append(result.deployment()).append("':\n")
                    .append(ErrorReport.block(result.outcome().errors()).indent(2));
        }
        if (advice != null) {
            text.append('\n').append(advice).append('\n');
        }
        return text.toString();
    }

    private static List<String> names(List<AllDeployments.Result> results, boolean failed) {
        return results.stream().filter(r -> r.failed() == failed).map(AllDeployments.Result::deployment).toList();
    }
}
