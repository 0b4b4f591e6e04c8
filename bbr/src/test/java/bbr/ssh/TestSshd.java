package bbr.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway OpenSSH {@code sshd -D -e} on 127.0.0.1 with its own host keys and authorized_keys, for tests
 * that need a real SSH server. Needs root (it logs in as the current user, which must be root).
 */
final class TestSshd implements Closeable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    final int port;
    final KeyPair clientKey;
    private final Process process;

    private TestSshd(Path dir, int port, KeyPair clientKey, Process process) {
        this.dir = dir;
        this.port = port;
        this.clientKey = clientKey;
        this.process = process;
    }

    static boolean available() {
        return Files.isExecutable(SSHD) && "root".equals(System.getProperty("user.name"));
    }

    /** Starts sshd with RSA, ECDSA and ed25519 host keys, authorizing a fresh RSA client key. */
    static TestSshd start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of("rsa", "ecdsa", "ed25519"));
    }

    /** Starts sshd with host keys of the given types ("rsa", "ecdsa", "ed25519"). */
    static TestSshd start(Path dir, List<String> hostKeyTypes) throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation directory
        List<String> hostKeys = new ArrayList<>();
        for (String type : hostKeyTypes) {
            Path key = KeyFiles.generate(dir.resolve("ssh_host_" + type + "_key"), type);
            hostKeys.add("HostKey " + key);
        }
        SshKeys.GeneratedKey client = SshKeys.generateRsa2048();
        Files.writeString(dir.resolve("authorized_keys"), client.publicKeyLine() + "\n");
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                String.join("\n", hostKeys),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "PermitRootLogin yes",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "LogLevel INFO",
                "") );
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        TestSshd sshd = new TestSshd(dir, port, client.keyPair(), process);
        sshd.awaitBanner();
        return sshd;
    }

    /** A target for this server as root, with the given host-key policy. */
    SshTarget target(HostKeyPolicy policy) {
        return new SshTarget("127.0.0.1", port, "root", clientKey, policy);
    }

    /** Writes the client key where OpenSSH's {@code ssh -i} reads it (PKCS#8 PEM, mode 600), for baselines. */
    Path writeClientKey(Path file) throws IOException {
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(clientKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Adds a key to authorized_keys (sshd rereads it on every login). */
    void authorize(String publicKeyLine) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"), publicKeyLine + "\n", StandardOpenOption.APPEND);
    }

    String hostPublicKeyLine(String type) throws IOException {
        return Files.readString(dir.resolve("ssh_host_" + type + "_key.pub")).strip();
    }

    /** The per-connection sshd processes (monitor and session children of the listener). */
    List<ProcessHandle> connectionProcesses() {
        List<ProcessHandle> sshds = new ArrayList<>();
        process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sshd")).orElse(false))
                .forEach(sshds::add);
        return sshds;
    }

    /** Sends {@code signal} (e.g. "KILL", "STOP", "CONT") to every per-connection sshd process. */
    void signalConnections(String signal) throws IOException, InterruptedException {
        for (ProcessHandle p : connectionProcesses()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        }
    }

    /** User plus system CPU seconds used so far by the per-connection sshd processes (from /proc). */
    double connectionCpuSeconds() {
        double seconds = 0;
        for (ProcessHandle p : connectionProcesses()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ
            } catch (IOException gone) {
                // the process ended meanwhile
            }
        }
        return seconds;
    }

    /**
     * CPU seconds of every connection that has ended (the listener's reaped children, with the commands they ran),
     * plus those still open: what the server side spent on all of them.
     */
    double serverCpuSeconds() {
        double seconds = cpuSeconds(process.pid(), false);
        for (ProcessHandle p : process.descendants().toList()) {
            seconds += cpuSeconds(p.pid(), true);
        }
        return seconds;
    }

    /** From /proc/PID/stat: the reaped children's time, and with {@code own} the process's own; 0 once it is gone. */
    private static double cpuSeconds(long pid, boolean own) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            if (own) {
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
            return ticks / 100.0; // USER_HZ
        } catch (IOException gone) {
            return 0;
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    private void awaitBanner() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] banner = in.readNBytes(4);
                if (new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not start listening on port " + port + ": " + log());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
