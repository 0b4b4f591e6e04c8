package bbr.testbed.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds of one process's threads, summed by thread name (the kernel's 15-character {@code comm}, its digits
 * dropped, so the JIT's, the GC's and a pool's threads each make one line): where a run's CPU goes between two of
 * its log lines, without a profiler in the process.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    /** The first child of {@code pid} (bin/bbr's JVM under GNU time), or {@code -1}. */
    static long child(long pid) {
        try {
            String children = Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid),
                    "children")).strip();
            return children.isEmpty() ? -1 : Long.parseLong(children.split(" ")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** utime + stime by thread name; empty once the process has gone. */
    static Map<String, Double> byName(long pid) {
        Map<String, Double> seconds = new TreeMap<>();
        if (pid < 0) {
            return seconds;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    seconds.merge(name, SideCpu.own(Files.readString(task.resolve("stat"))), Double::sum);
                } catch (IOException e) {
                    // that thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return seconds;
    }

    /** One line per name whose CPU grew from {@code before} to {@code after}, largest first. */
    static String delta(Map<String, Double> before, Map<String, Double> after) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("  %6.2f  %s%n", e.getValue(), e.getKey())));
        return out.toString();
    }
}
