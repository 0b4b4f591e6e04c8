package bbr.testbed.bench;

import bbr.testbed.vm.HostCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/** Timed processes for the benchmark: several at once, each must succeed. */
final class Commands {

    private Commands() {
    }

    /**
     * Runs the commands concurrently and returns the wall-clock seconds until the last one finished. Their stderr
     * goes to the benchmark's unless a command redirects it.
     */
    static double timeAll(List<ProcessBuilder> commands) throws IOException, InterruptedException {
        return measureAll(commands).seconds();
    }

    /** {@link #timeAll}, and the CPU seconds that the whole machine spent meanwhile. */
    static Timing measureAll(List<ProcessBuilder> commands) throws IOException, InterruptedException {
        settleDisk();
        double cpuBefore = MachineCpu.busySeconds();
        double[] sidesBefore = SideCpu.now();
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (ProcessBuilder command : commands) {
            if (command.redirectError() == ProcessBuilder.Redirect.PIPE) {
                command.redirectError(ProcessBuilder.Redirect.INHERIT);
            }
            processes.add(command.start());
        }
        for (int i = 0; i < processes.size(); i++) {
            int exit = processes.get(i).waitFor();
            if (exit != 0) {
                throw new IllegalStateException("benchmark command failed with " + exit + ": "
                        + String.join(" ", commands.get(i).command()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return Timing.since(seconds, cpuBefore, sidesBefore);
    }

    static double time(ProcessBuilder command) throws IOException, InterruptedException {
        return timeAll(List.of(command));
    }

    static Timing measure(ProcessBuilder command) throws IOException, InterruptedException {
        return measureAll(List.of(command));
    }

    /**
     * Runs one command whose stdout is read line by line, each line stamped with the seconds since the start as
     * it arrives (bbr flushes every log line), and returns them with the timing of the run.
     */
    static BbrRun measureLines(ProcessBuilder command, DoubleSupplier longestDiscoveryTask)
            throws IOException, InterruptedException {
        if (command.redirectError() == ProcessBuilder.Redirect.PIPE) {
            command.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        command.redirectOutput(ProcessBuilder.Redirect.PIPE);
        settleDisk();
        double cpuBefore = MachineCpu.busySeconds();
        double[] sidesBefore = SideCpu.now();
        long start = System.nanoTime();
        Process process = command.start();
        List<BbrRun.TimedLine> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(new BbrRun.TimedLine((System.nanoTime() - start) / 1e9, line));
            }
        }
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        Timing timing = Timing.since(seconds, cpuBefore, sidesBefore);
        if (exit != 0) {
            throw new IllegalStateException("benchmark command failed with " + exit + ": "
                    + String.join(" ", command.command()) + "\n" + String.join("\n",
                    lines.stream().map(BbrRun.TimedLine::text).toList()));
        }
        return new BbrRun(timing, List.copyOf(lines), seconds, longestDiscoveryTask.getAsDouble());
    }

    /** Waits, untimed, until the kernel has written back what earlier steps left dirty, so no run pays for it. */
    static void settleDisk() {
        HostCommand.run(List.of("sync"), Duration.ofMinutes(5)).orThrow();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
