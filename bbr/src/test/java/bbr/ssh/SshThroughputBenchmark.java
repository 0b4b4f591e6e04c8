package bbr.ssh;

import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import bbr.remote.CommandResult;
import bbr.remote.RemoteRunner;

/**
 * Streams a file of random data through a local sshd with several cipher and flow-control settings, next to
 * OpenSSH's own client, and prints the best MB/s and CPU seconds per GiB (ours and the VM's sshd) of N rounds.
 * Not a test; run it on purpose:
 * {@code mvn -pl bbr test -Dtest=SshThroughputBenchmark -Dbbr.ssh.benchmark=true
 * [-Dbbr.ssh.benchmark.mib=1024 -Dbbr.ssh.benchmark.rounds=3
 * -Dbbr.ssh.benchmark.variants=aes128gcm:2:64:128,ssh:aes128-gcm@openssh.com]}
 * where a variant is {@code cipher:windowMiB:packetKiB:bufferKiB} or {@code ssh:cipher} for OpenSSH's client.
 */
@EnabledIfSystemProperty(named = "bbr.ssh.benchmark", matches = "true")
class SshThroughputBenchmark {

    private static final String VARIANTS = "ssh:aes128-gcm@openssh.com,aes128gcm:2:64:128,aes128gcm:2:32:128,"
            + "aes128gcm:2:128:128,aes128gcm:4:64:128,aes128gcm:16:64:128,aes256gcm:2:64:128,"
            + "cc20p1305_openssh:2:64:128,aes128ctr:2:64:128";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<String, double[]> best = new LinkedHashMap<>();

    @Test
    void compareSettings() throws Exception {
        long mib = Long.getLong("bbr.ssh.benchmark.mib", 1024);
        int rounds = Integer.getInteger("bbr.ssh.benchmark.rounds", 3);
        Path dir = Files.createTempDirectory("bbr-ssh-bench");
        Path source = dir.resolve("random.bin");
        shell("head -c " + (mib << 20) + " /dev/urandom > " + source + " && cat " + source + " > /dev/null");
        double gib = mib / 1024.0;
        try (TestSshd sshd = TestSshd.start(dir)) {
            Path key = sshd.writeClientKey(dir.resolve("client_key"));
            for (int round = 0; round < rounds; round++) {
                for (String variant : System.getProperty("bbr.ssh.benchmark.variants", VARIANTS).split(",")) {
                    String[] v = variant.split(":");
                    if (v[0].equals("ssh")) {
                        long start = System.nanoTime();
                        shell("ssh -n -q -c " + v[1] + " -i " + key + " -p " + sshd.port + " -o StrictHostKeyChecking=no"
                                + " -o UserKnownHostsFile=/dev/null root@127.0.0.1 cat " + source + " > " + dir.resolve("out"));
                        record(variant + " download", mib, System.nanoTime() - start, Double.NaN, Double.NaN);
                    } else {
                        measure(sshd, variant, v, source, dir, mib, gib);
                    }
                }
            }
        } finally {
            shell("rm -rf " + dir);
        }
        System.out.println("best of " + rounds + " rounds, " + mib + " MiB each:");
        best.forEach((name, b) -> System.out.printf("%-40s %5.0f MB/s   bbr cpu %5.2f s/GiB   sshd cpu %5.2f s/GiB%n",
                name, b[0], b[1], b[2]));
    }

    private void measure(TestSshd sshd, String variant, String[] v, Path source, Path dir, long mib, double gib)
            throws Exception {
        SshSettings settings = SshSettings.defaults().withFlowControl(Long.parseLong(v[1]) << 20,
                Integer.parseInt(v[2]) << 10, Integer.parseInt(v[3]) << 10);
        try (SshConnector connector = new SshConnector(settings)) {
            connector.client().setCipherFactories(List.of(BuiltinCiphers.fromString(v[0])));
            try (RemoteRunner runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()))) {
                for (boolean download : new boolean[] {true, false}) {
                    double sshd0 = sshd.connectionCpuSeconds();
                    long cpu0 = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    if (download) {
                        try (OutputStream out = new FileOutputStream(dir.resolve("out").toFile())) {
                            check(runner.run("cat " + source, null, out));
                        }
                    } else {
                        try (InputStream in = Files.newInputStream(source)) {
                            check(runner.run("cat > " + dir.resolve("up"), in, null));
                        }
                    }
                    record(variant + (download ? " download" : " upload"), mib, System.nanoTime() - start,
                            (os.getProcessCpuTime() - cpu0) / 1e9 / gib, (sshd.connectionCpuSeconds() - sshd0) / gib);
                }
            }
        }
    }

    private void record(String name, long mib, long nanos, double cpuPerGib, double sshdPerGib) {
        double[] b = best.computeIfAbsent(name, k -> new double[] {0, Double.MAX_VALUE, Double.MAX_VALUE});
        b[0] = Math.max(b[0], (mib << 20) / (nanos / 1e9) / 1e6);
        b[1] = Math.min(b[1], cpuPerGib);
        b[2] = Math.min(b[2], sshdPerGib);
    }

    private static void check(CommandResult result) {
        if (result.exitStatus() != 0) {
            throw new IllegalStateException("exit status " + result.exitStatus() + ": " + result.stderr());
        }
    }

    /** Never inherits stdin: the forked test JVM's stdin is surefire's command channel, which ssh would eat. */
    private static void shell(String command) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }
}
