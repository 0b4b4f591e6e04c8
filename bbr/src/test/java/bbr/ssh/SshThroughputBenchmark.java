package bbr.ssh;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import bbr.remote.RemoteRunner;

/**
 * Measures download and upload throughput against a local sshd for several cipher and flow-control settings,
 * next to OpenSSH's own client. Not a test: run it on purpose with
 * {@code mvn -pl bbr test -Dtest=SshThroughputBenchmark -Dbbr.ssh.benchmark=true [-Dbbr.ssh.benchmark.mib=1024]}.
 */
@EnabledIfSystemProperty(named = "bbr.ssh.benchmark", matches = "true")
class SshThroughputBenchmark {

    private static final long MIB = 1024 * 1024;

    @Test
    void compareSettings() throws Exception {
        long mib = Long.getLong("bbr.ssh.benchmark.mib", 1024);
        Path dir = Files.createTempDirectory("bbr-ssh-bench");
        Path source = dir.resolve("random.bin");
        Path target = dir.resolve("out.bin");
        run("head -c " + mib * MIB + " /dev/urandom > " + source);
        run("cat " + source + " > /dev/null"); // into the page cache
        List<String> report = new ArrayList<>();
        try (TestSshd sshd = TestSshd.start(dir)) {
            Path key = dir.resolve("client_key");
            writePrivateKey(sshd, key);
            for (String cipher : List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
                    "chacha20-poly1305@openssh.com", "aes128-ctr")) {
                double seconds = time(() -> run("ssh -q -c " + cipher + " -i " + key + " -p " + sshd.port
                        + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null root@127.0.0.1 cat "
                        + source + " > " + target));
                report.add(String.format("openssh client  %-30s download %7.0f MB/s", cipher, mib * MIB / seconds / 1e6));
            }
            for (String variant : System.getProperty("bbr.ssh.benchmark.variants",
                    "aes128gcm:2:32:32,aes128gcm:2:64:64,aes128gcm:8:64:64,aes128gcm:16:64:64,aes128gcm:16:128:128,"
                    + "aes128gcm:16:256:256,aes128gcm:64:64:64,aes128gcm:64:256:256,aes256gcm:16:64:64,"
                    + "cc20p1305_openssh:16:64:64,aes128ctr:16:64:64").split(",")) {
                String[] v = variant.split(":");
                SshSettings settings = SshSettings.defaults().withFlowControl(Long.parseLong(v[1]) * MIB,
                        Integer.parseInt(v[2]) * 1024, Integer.parseInt(v[3]) * 1024);
                try (SshConnector connector = new SshConnector(settings)) {
                    connector.client().setCipherFactories(List.of(BuiltinCiphers.fromString(v[0])));
                    try (RemoteRunner runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()))) {
                        double down = time(() -> {
                            try (OutputStream out = new FileOutputStream(target.toFile())) {
                                check(runner.run("cat " + source, null, out).exitStatus());
                            }
                        });
                        double up = time(() -> {
                            try (InputStream in = Files.newInputStream(source)) {
                                check(runner.run("cat > " + target, in, null).exitStatus());
                            }
                        });
                        report.add(String.format("bbr %-22s window %3d MiB packet %3d KiB buffer %3d KiB:"
                                + " download %6.0f MB/s, upload %6.0f MB/s", v[0], Long.parseLong(v[1]),
                                Integer.parseInt(v[2]), Integer.parseInt(v[3]),
                                mib * MIB / down / 1e6, mib * MIB / up / 1e6));
                    }
                }
            }
        } finally {
            run("rm -rf " + dir);
        }
        report.forEach(System.out::println);
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), "bbr-ssh-benchmark.txt"), report);
    }

    private static void writePrivateKey(TestSshd sshd, Path file) throws Exception {
        // OpenSSH's client needs the test key on disk; PKCS#8 PEM is one format it reads.
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(sshd.clientKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        run("chmod 600 " + file);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static double time(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(int status) {
        if (status != 0) {
            throw new IllegalStateException("exit status " + status);
        }
    }

    private static void run(String shell) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", shell).inheritIO().start();
        check(p.waitFor());
    }

    static OutputStream buffered(Path file) throws Exception {
        return new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 16);
    }
}
