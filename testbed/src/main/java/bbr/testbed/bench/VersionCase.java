package bbr.testbed.bench;

import bbr.instance.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up: {@code bin/bbr version} against {@code java -version} (the JVM alone), taking turns; and the same for
 * the package's {@code bin/bbr} (its own runtime), unpacked from {@code dist/target}'s tar.gz.
 */
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
        Path tarball = settings.root().resolve("dist/target/bbr-" + Version.current() + "-linux-amd64.tar.gz");
        if (!Files.isRegularFile(tarball)) {
            System.out.println(NAME + ": no " + tarball + " (mvn package makes it); the package is not timed");
            return;
        }
        Path unpacked = Files.createDirectories(settings.work().resolve("package"));
        Commands.time(new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()));
        Path packaged = unpacked.resolve("bbr-" + Version.current()).resolve("bin/bbr");
        List<Double> packageJava = new ArrayList<>();
        List<Double> packageBbr = new ArrayList<>();
        for (int run = 0; run < Math.max(5, settings.rounds()); run++) {
            packageJava.add(Commands.time(quiet(new ProcessBuilder("java", "-version"))));
            packageBbr.add(Commands.time(quiet(new ProcessBuilder(packaged.toString(), "version"))));
        }
        Table.row(NAME, "package start s (java -version)", Table.median(packageJava), Table.median(packageBbr),
                TARGET);
    }

    private static ProcessBuilder quiet(ProcessBuilder command) {
        return command.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
}
