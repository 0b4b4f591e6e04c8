package bbr.director;

import java.util.List;

/** One line of {@code /deployments/NAME/vms?format=full}: the fields bbr needs. */
public record VmInfo(String jobName, Integer index, String id, List<String> ips, boolean bootstrap) {
}
