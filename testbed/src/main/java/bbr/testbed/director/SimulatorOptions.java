package bbr.testbed.director;

import java.time.Duration;

/** The simulator's settings, collected by {@link DirectorSimulatorBuilder}. */
record SimulatorOptions(String address, int port, int uaaPort, Auth auth, String name, String uuid,
        Duration queued, Duration processing, Duration taskTimeout, long firstTaskId, int redirectStatus,
        boolean relativeRedirects, boolean alwaysReportPort, boolean shuffleVmInfos) {
}
