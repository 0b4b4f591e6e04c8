package bbr.ssh;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import bbr.remote.CommandResult;
import bbr.remote.RemoteRunner;

/**
 * N streams at once, each on its own connection to a local OpenSSH sshd, as bbr copies N VMs at once: bbr's
 * {@link SshConnector} against N OpenSSH clients, download ({@code cat FILE}) and upload ({@code cat > FILE}), in
 * alternating rounds. Prints per variant the median (and best) aggregate MB/s and the CPU seconds per GiB of the client
 * (bbr's JVM, or the ssh processes) and of the server (sshd and cat). Not a test; run it on purpose:
 * {@code mvn -pl bbr test -Dtest=SshParallelBenchmark -Dbbr.ssh.benchmark=true [-Dbbr.ssh.benchmark.streams=4
 * -Dbbr.ssh.benchmark.mib=256 -Dbbr.ssh.benchmark.rounds=5 -Dbbr.ssh.benchmark.oursOnly=true
 * -Dbbr.ssh.benchmark.directions=download -Dbbr.ssh.benchmark.window=2097152 -Dbbr.ssh.benchmark.buffer=131072
 * -Dbbr.ssh.benchmark.flip=PROPERTY]}: with flip, each round also runs bbr with that system property true, in turns
 * with it false, in the same JVM (an A/B on a shared machine).
 * For figures that match bin/bbr's, pass its JVM options with {@code -DargLine=...}.
 */
@EnabledIfSystemProperty(named = "bbr.ssh.benchmark", matches = "true")
class SshParallelBenchmark {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void parallelStreams() throws Exception {
        int streams = Integer.getInteger("bbr.ssh.benchmark.streams", 4);
        long mib = Long.getLong("bbr.ssh.benchmark.mib", 256);
        int rounds = Integer.getInteger("bbr.ssh.benchmark.rounds", 5);
        Path dir = Files.createTempDirectory("bbr-ssh-parallel");
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            Path source = dir.resolve("random-" + i + ".bin");
            shell("head -c " + (mib << 20) + " /dev/urandom > " + source);
            sources.add(source);
        }
        double gib = streams * mib / 1024.0;
        List<double[]> ssh = new ArrayList<>();
        List<double[]> bbr = new ArrayList<>();
        List<double[]> flipped = new ArrayList<>();
        try (TestSshd sshd = TestSshd.start(dir)) {
            Path key = sshd.writeClientKey(dir.resolve("client_key"));
            try (SshConnector connector = new SshConnector(settings())) {
                String flip = System.getProperty("bbr.ssh.benchmark.flip");
                for (int round = 0; round < rounds; round++) {
                    if (!Boolean.getBoolean("bbr.ssh.benchmark.oursOnly")) {
                        ssh.add(openSsh(sshd, key, sources, dir, gib));
                    }
                    if (flip != null) {
                        System.setProperty(flip, "true");
                        flipped.add(ours(sshd, connector, sources, dir, gib));
                        System.setProperty(flip, "false");
                    }
                    bbr.add(ours(sshd, connector, sources, dir, gib));
                }
            }
        } finally {
            shell("rm -rf " + dir);
        }
        System.out.printf(Locale.ROOT, "%d streams x %d MiB, median of %d rounds (MB/s aggregate, CPU s/GiB)%n",
                streams, mib, rounds);
        if (!ssh.isEmpty()) {
            print("OpenSSH", ssh);
        }
        if (!flipped.isEmpty()) {
            print("bbr, " + System.getProperty("bbr.ssh.benchmark.flip") + "=true", flipped);
        }
        print("bbr", bbr);
    }

    private static SshSettings settings() {
        SshSettings defaults = SshSettings.defaults();
        long window = Long.getLong("bbr.ssh.benchmark.window", defaults.windowSize());
        int buffer = Integer.getInteger("bbr.ssh.benchmark.buffer", defaults.bufferSize());
        return defaults.withFlowControl(window, defaults.packetSize(), buffer);
    }

    /** {download MB/s, client CPU/GiB, server CPU/GiB, upload MB/s, client CPU/GiB, server CPU/GiB}. */
    private double[] openSsh(TestSshd sshd, Path key, List<Path> sources, Path dir, double gib) throws Exception {
        String ssh = "ssh -q -c aes128-gcm@openssh.com -i " + key + " -p " + sshd.port
                + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null root@127.0.0.1";
        double[] result = new double[6];
        for (boolean download : new boolean[] {true, false}) {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < sources.size(); i++) {
                script.append(download
                        ? ssh + " -n cat " + sources.get(i) + " > " + dir.resolve("down-" + i) + " & "
                        : ssh + " 'cat > " + dir.resolve("up-" + i) + "' < " + sources.get(i) + " & ");
            }
            script.append("wait; times");
            double server = sshd.serverCpuSeconds();
            long start = System.nanoTime();
            String times = shellOutput(script.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            int at = download ? 0 : 3;
            result[at] = gib * 1024 * 1.048576 / seconds;
            result[at + 1] = childCpuSeconds(times) / gib;
            result[at + 2] = (sshd.serverCpuSeconds() - server) / gib;
        }
        return result;
    }

    private double[] ours(TestSshd sshd, SshConnector connector, List<Path> sources, Path dir, double gib)
            throws Exception {
        List<RemoteRunner> runners = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            runners.add(connector.connect(sshd.target(HostKeyPolicy.acceptAny())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(sources.size());
        double[] result = new double[6];
        try {
            for (boolean download : new boolean[] {true, false}) {
                if (!System.getProperty("bbr.ssh.benchmark.directions", "download,upload")
                        .contains(download ? "download" : "upload")) {
                    continue;
                }
                double server = sshd.serverCpuSeconds();
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<Future<CommandResult>> copies = new ArrayList<>();
                for (int i = 0; i < sources.size(); i++) {
                    int stream = i;
                    copies.add(pool.submit(() -> download
                            ? download(runners.get(stream), sources.get(stream), dir.resolve("down-" + stream))
                            : upload(runners.get(stream), sources.get(stream), dir.resolve("up-" + stream))));
                }
                for (Future<CommandResult> copy : copies) {
                    if (copy.get().exitStatus() != 0) {
                        throw new IllegalStateException("copy failed: " + copy.get().stderr());
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                int at = download ? 0 : 3;
                result[at] = gib * 1024 * 1.048576 / seconds;
                result[at + 1] = (os.getProcessCpuTime() - cpu) / 1e9 / gib;
                result[at + 2] = (sshd.serverCpuSeconds() - server) / gib;
            }
        } finally {
            pool.shutdownNow();
            for (RemoteRunner runner : runners) {
                runner.close();
            }
        }
        return result;
    }

    /** As bbr's drain writes an artifact: through a 1 MiB buffer. */
    private static CommandResult download(RemoteRunner runner, Path source, Path target) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            return runner.run("cat " + source, null, out);
        }
    }

    private static CommandResult upload(RemoteRunner runner, Path source, Path target) throws Exception {
        try (InputStream in = Files.newInputStream(source)) {
            return runner.run("cat > " + target, in, null);
        }
    }

    private static void print(String name, List<double[]> rounds) {
        String[] columns = {"download MB/s", "client CPU s/GiB", "server CPU s/GiB", "upload MB/s",
            "client CPU s/GiB", "server CPU s/GiB"};
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s", name));
        for (int c = 0; c < columns.length; c++) {
            int column = c;
            List<Double> values = rounds.stream().map(r -> r[column]).sorted().toList();
            // the median, and the best round: the steady state once the JIT is done
            double best = column % 3 == 0 ? values.get(values.size() - 1) : values.get(0);
            line.append(String.format(Locale.ROOT, "  %s %6.2f (best %.2f)", columns[c], values.get(values.size() / 2),
                    best));
        }
        System.out.println(line);
    }

    /** The children's user and system seconds from bash's {@code times} (its second line: "0m1.2s 0m0.3s"). */
    private static double childCpuSeconds(String times) {
        String[] lines = times.strip().split("\n");
        double seconds = 0;
        for (String field : lines[lines.length - 1].trim().split("\\s+")) {
            String[] minutes = field.replace("s", "").split("m");
            seconds += Integer.parseInt(minutes[0]) * 60 + Double.parseDouble(minutes[1]);
        }
        return seconds;
    }

    private static void shell(String command) throws Exception {
        shellOutput(command);
    }

    /** Never inherits stdin: the forked test JVM's stdin is surefire's command channel, which ssh would eat. */
    private static String shellOutput(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return out;
    }
}
