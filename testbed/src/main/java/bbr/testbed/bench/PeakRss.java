package bbr.testbed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's peak resident set as the kernel counts it, read with GNU time ({@code %M}: the {@code ru_maxrss} that
 * {@code wait4} reports, in KiB). {@code bin/bbr} execs java, so the process GNU time waits for is the JVM: the
 * launcher's bash before the exec is a few MiB. That rusage also covers the process's own children, and the
 * launcher's class-data-sharing training run is such a child, a second JVM: make sure its archive exists first.
 */
final class PeakRss {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private PeakRss() {
    }

    static double mebibytes(ProcessBuilder command, Path scratch) throws IOException, InterruptedException {
        if (!Files.isExecutable(GNU_TIME)) {
            throw new IllegalStateException("the rss case needs GNU time: apt-get install time");
        }
        Path report = Files.createTempFile(scratch, "rss", ".txt");
        List<String> timed = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%M", "-o", report.toString()));
        timed.addAll(command.command());
        Commands.time(command.command(timed));
        String kibibytes = Files.readString(report).strip();
        Files.delete(report);
        return Long.parseLong(kibibytes.substring(kibibytes.lastIndexOf('\n') + 1)) / 1024.0;
    }
}
