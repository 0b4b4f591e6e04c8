package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port that accepts every connection and never says a word: a VM whose sshd hangs before its version line
 * (a wedged process, a firewall that completes the handshake, a tarpit). A client without a handshake timeout
 * waits for ever.
 */
public final class SilentPort implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SilentPort(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptForever, "silent-port-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free port of 127.0.0.1. */
    public static SilentPort open() {
        return open("127.0.0.1", 0);
    }

    /** Listens on {@code host:port}, e.g. a VM's own address once its sshd is stopped. */
    public static SilentPort open(String host, int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return new SilentPort(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** "host:port", as bbr's {@code --host} takes it. */
    public String hostAndPort() {
        return host() + ":" + port();
    }

    /** How many connections were accepted so far: proves the client got past TCP. */
    public int connections() {
        return accepted.size();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                accepted.add(server.accept()); // held open, never read from or written to
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
            acceptor.join(5_000);
        } catch (IOException e) {
            // closing sockets of a test: nothing to recover
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
