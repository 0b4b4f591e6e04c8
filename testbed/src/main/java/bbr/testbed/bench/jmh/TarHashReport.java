package bbr.testbed.bench.jmh;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link TarHashBenchmark} in a forked JVM and reports, per tar shape, the member data's MB/s (10^6 bytes)
 * through {@code TarChecksummer} and through a plain SHA-256, and how many times longer the checksummer takes.
 */
public final class TarHashReport {

    /** One line of the report: a tar shape and the two throughputs. */
    public record Line(String members, double checksummerMbPerSecond, double sha256MbPerSecond) {
        public double ratio() {
            return sha256MbPerSecond / checksummerMbPerSecond;
        }
    }

    private TarHashReport() {
    }

    /** Takes about a minute: per shape and method, 3 warm-up iterations of 1 s and {@code iterations} of 2 s. */
    public static void run(int iterations, Consumer<Line> out) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(TarHashBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(2))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Map<String, Double>> msPerOp = new HashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            msPerOp.computeIfAbsent(result.getParams().getParam("members"), k -> new HashMap<>())
                    .put(method, result.getPrimaryResult().getScore());
        }
        for (String members : List.of(TarHashBenchmark.ONE_BIG, TarHashBenchmark.MANY_SMALL)) {
            double megabytes = (double) TarHashBenchmark.count(members) * TarHashBenchmark.size(members) / 1e6;
            Map<String, Double> times = msPerOp.get(members);
            out.accept(new Line(members, megabytes / (times.get("tarChecksummer") / 1000),
                    megabytes / (times.get("plainSha256") / 1000)));
        }
    }

    /** Standalone: {@code java -cp … bbr.testbed.bench.jmh.TarHashReport [iterations]}. */
    public static void main(String[] args) throws RunnerException {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 5, line -> System.out.printf(java.util.Locale.ROOT,
                "%-10s TarChecksummer %8.1f MB/s   plain SHA-256 %8.1f MB/s   %.2fx%n", line.members(),
                line.checksummerMbPerSecond(), line.sha256MbPerSecond(), line.ratio()));
    }
}
