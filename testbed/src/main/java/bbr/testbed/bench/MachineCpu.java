package bbr.testbed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by the whole machine, from the first line of {@code /proc/stat}: the client under test, the VMs'
 * sshd, tar and checksums, and everything else that ran. On a machine whose cores the bench saturates, this is what
 * bounds a run's wall time from below: CPU seconds / cores.
 */
final class MachineCpu {

    /** USER_HZ: the unit of /proc/stat; 100 on every Linux architecture the test bed runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private MachineCpu() {
    }

    /** Seconds of CPU spent so far, summed over the cores: every state but idle and iowait. */
    static double busySeconds() throws IOException {
        return busySeconds(Files.readAllLines(Path.of("/proc/stat")).get(0));
    }

    /** {@code line}: /proc/stat's "cpu  user nice system idle iowait irq softirq steal guest guest_nice". */
    static double busySeconds(String line) {
        String[] fields = line.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw new IllegalArgumentException("not the /proc/stat line of all CPUs: " + line);
        }
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) { // guest time is already inside user
            busy += Long.parseLong(fields[field]);
        }
        return busy / TICKS_PER_SECOND;
    }
}
