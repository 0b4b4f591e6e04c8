package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ssh -v -N -D PORT} from the host to a jumpbox VM: the SOCKS5 proxy operators start by hand for
 * {@code BOSH_ALL_PROXY=socks5://}. Its verbose log shows each connection the jumpbox made ("dynamic-tcpip").
 */
public final class OpenSshSocksProxy implements AutoCloseable {

    private static final Duration STARTING = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private OpenSshSocksProxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the proxy on a free loopback port and returns once it accepts connections. */
    public static OpenSshSocksProxy start(Vm jumpbox, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder("ssh", "-v", "-N", "-D", "127.0.0.1:" + port, "-i",
                jumpbox.privateKeyPath().toString(), "-p", String.valueOf(jumpbox.port()), "-o",
                "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                jumpbox.username() + "@" + jumpbox.host())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OpenSshSocksProxy proxy = new OpenSshSocksProxy(process, port, log);
        long deadline = System.nanoTime() + STARTING.toNanos();
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return proxy;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    proxy.close();
                    throw new IOException("ssh -D to " + jumpbox + " did not start: " + proxy.log());
                }
                Thread.sleep(100);
            }
        }
    }

    public int port() {
        return port;
    }

    /** What {@code ssh -v} logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the proxy and waits until it is gone, as when a jumpbox session dies. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
