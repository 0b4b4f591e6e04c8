package bbr.testbed.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Follows a running process's peak resident set ({@code VmHWM} in {@code /proc/PID/status}, which the kernel keeps
 * as a high-water mark) every 20 ms until the process ends, so a test can check bbr's memory budget.
 */
public final class PeakRssWatch implements AutoCloseable {

    private final Path status;
    private final Thread thread;
    private volatile long peakKib;
    private volatile boolean stopped;

    public PeakRssWatch(long pid) {
        status = Path.of("/proc/" + pid + "/status");
        thread = new Thread(this::poll, "peak-rss-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    /** The highest peak seen, in MiB. */
    public double peakMib() {
        return peakKib / 1024.0;
    }

    private void poll() {
        while (!stopped) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakKib = Math.max(peakKib, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
                Thread.sleep(20);
            } catch (IOException e) {
                return; // the process has ended
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
