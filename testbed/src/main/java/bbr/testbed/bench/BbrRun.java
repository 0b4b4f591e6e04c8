package bbr.testbed.bench;

import java.util.List;

/**
 * One timed run of {@code bin/bbr}: its {@link Timing}, every line it printed with the second it arrived (from the
 * start of the run), and, in deployment mode, how long the longest Director task of discovery took (the VM listing
 * or an SSH setup, as the Director ran it), against which the time to the first copy is judged.
 */
record BbrRun(Timing timing, List<TimedLine> lines, double exitSeconds, double longestDiscoveryTask) {

    /** A line of bbr's stdout and when it arrived. */
    record TimedLine(double seconds, String text) {
    }

    /** What the targets measure: the first log line until the first "Copying backup" line. */
    double firstLineToFirstCopy() {
        return at("Copying backup --") - lines.get(0).seconds();
    }

    /** The line containing {@code marker} until bbr exited. */
    double after(String marker) {
        return exitSeconds - at(marker);
    }

    private double at(String marker) {
        return lines.stream().filter(line -> line.text().contains(marker)).findFirst()
                .orElseThrow(() -> new IllegalStateException("bbr printed no line with \"" + marker + "\": "
                        + lines.stream().map(TimedLine::text).toList()))
                .seconds();
    }
}
