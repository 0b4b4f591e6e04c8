package bbr.testbed.bench;

import bbr.testbed.bench.jmh.TarHashReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures bbr against baselines taken in the same run on the same test-bed VMs, and prints one table: the median
 * of each over the rounds, their ratio and the target. Cases are chosen by name; none means all of
 * {@link #CASES}. {@code bench/run} is the way in: it builds first and says what each case does.
 */
public final class Benchmark {

    static final List<String> CASES = cases();

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        List<String> chosen = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : CASES;
        for (String name : chosen) {
            if (!CASES.contains(name)) {
                throw new IllegalArgumentException("unknown case " + name + "; known: " + CASES);
            }
        }
        int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
        double scale = Double.parseDouble(System.getProperty("scale", "1"));
        Path work = Files.createTempDirectory("bbr-bench");
        BenchSettings settings = new BenchSettings(root, work, rounds, scale,
                Optional.ofNullable(System.getenv("BENCH_BASELINE")).filter(dir -> !dir.isBlank()).map(Path::of));
        System.out.printf(Locale.ROOT, "# median of %d round(s) on %d cores (CPU s rows: the whole machine)%s%n",
                rounds, Runtime.getRuntime().availableProcessors(),
                scale == 1 ? "" : "; data sizes scaled by " + scale + ", so the figures are no measurement");
        Launcher.makeSharedArchive(settings.bbr(), settings.root());
        if (settings.baselineRoot().isPresent()) {
            Launcher.makeSharedArchive(settings.baselineBbr().orElseThrow(), settings.baselineRoot().orElseThrow());
        }
        Table.header();
        try {
            for (String name : chosen) {
                run(name, settings);
            }
        } finally {
            Commands.deleteTree(work);
        }
    }

    private static void run(String name, BenchSettings settings) throws Exception {
        switch (name) {
            case ControlPlaneCase.NAME -> ControlPlaneCase.run(settings);
            case RssCase.NAME -> RssCase.run(settings);
            case VersionCase.NAME -> VersionCase.run(settings);
            case ProxyCase.NAME -> ProxyCase.run(settings);
            case EncodedCase.RANDOM, EncodedCase.TEXT -> EncodedCase.run(name, settings);
            case S3WriterCase.NAME -> S3WriterCase.run(settings);
            case S3BackupCase.NAME -> S3BackupCase.run(settings);
            case "1vm-200k-files", "1vm-1m-files" -> ManyFilesCase.run(name, settings);
            case "jmh" -> TarHashReport.run(Math.max(5, settings.rounds()), line -> Table.row("jmh-tar-hash",
                    "MB/s, " + line.members(), line.sha256MbPerSecond(), line.checksummerMbPerSecond(),
                    line.ratio(), 0));
            default -> TransferCase.run(TransferSpec.named(name).orElseThrow(), settings);
        }
    }

    private static List<String> cases() {
        List<String> all = new ArrayList<>(TransferSpec.names());
        all.addAll(EncodedCase.NAMES);
        all.addAll(ManyFilesCase.NAMES);
        all.addAll(List.of(ControlPlaneCase.NAME, ProxyCase.NAME, RssCase.NAME, VersionCase.NAME, S3WriterCase.NAME,
                S3BackupCase.NAME, "jmh"));
        return List.copyOf(all);
    }
}
