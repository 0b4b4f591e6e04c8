package bbr.testbed.bench;

import java.util.ArrayList;
import java.util.List;

/** Start-up: {@code bin/bbr version} against {@code java -version} (the JVM alone), taking turns. */
final class VersionCase {

    static final String NAME = "version";

    /** Within 1.5 times a bare JVM start (issue #5). */
    private static final double TARGET = 1.5;

    private VersionCase() {
    }

    static void run(BenchSettings settings) throws Exception {
        List<Double> java = new ArrayList<>();
        List<Double> bbr = new ArrayList<>();
        for (int run = 0; run < Math.max(5, settings.rounds()); run++) {
            java.add(Commands.time(quiet(new ProcessBuilder("java", "-version"))));
            bbr.add(Commands.time(quiet(new ProcessBuilder(settings.bbr().toString(), "version"))));
        }
        Table.row(NAME, "start s (java -version)", Table.median(java), Table.median(bbr), TARGET);
    }

    private static ProcessBuilder quiet(ProcessBuilder command) {
        return command.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
}
