package bbr.ssh;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

import bbr.concurrent.Daemons;

/**
 * The local end of a jumpbox tunnel: a SOCKS5 server on 127.0.0.1 that turns every CONNECT into a
 * {@code direct-tcpip} channel of the jumpbox connection. Unlike MINA's own dynamic forwarding it demands a
 * username and a password made for this run (RFC 1929), so other users of the machine running bbr cannot borrow
 * the jumpbox through it while the run lasts.
 */
final class TunnelSocksServer implements Closeable {

    static final String USERNAME = "bbr";

    private static final int VERSION = 5;
    private static final int USERNAME_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;
    private static final int CONNECT = 1;
    private static final int SUCCEEDED = 0;
    private static final int CONNECTION_REFUSED = 5;
    private static final int COMMAND_NOT_SUPPORTED = 7;
    private static final int ADDRESS_TYPE_NOT_SUPPORTED = 8;

    private final ClientSession session;
    private final Duration openTimeout;
    private final ServerSocket server;
    private final String password;

    private TunnelSocksServer(ClientSession session, Duration openTimeout) throws IOException {
        this.session = session;
        this.openTimeout = openTimeout;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.password = HexFormat.of().formatHex(secret);
    }

    /** Listens on an ephemeral loopback port until closed. */
    static TunnelSocksServer start(ClientSession session, Duration openTimeout) throws IOException {
        TunnelSocksServer socks = new TunnelSocksServer(session, openTimeout);
        Daemons.start(socks::acceptLoop, "bbr-jumpbox-socks");
        return socks;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** This run's password; never logged. */
    String password() {
        return password;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Daemons.start(() -> serve(client), "bbr-jumpbox-socks-client");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (!authenticated(in, out)) {
                return;
            }
            SshdSocketAddress target = readConnectRequest(in, out);
            if (target == null) {
                return;
            }
            ChannelDirectTcpip channel = session.createDirectTcpipChannel(
                    new SshdSocketAddress("127.0.0.1", client.getPort()), target);
            try {
                if (!channel.open().verify(openTimeout).isOpened()) {
                    reply(out, CONNECTION_REFUSED);
                    return;
                }
            } catch (IOException | RuntimeException e) {
                reply(out, CONNECTION_REFUSED);
                channel.close(true);
                return;
            }
            reply(out, SUCCEEDED);
            relay(client, channel);
        } catch (IOException ignored) {
            // the client went away, or the jumpbox did: the client's socket is closed either way
        }
    }

    private boolean authenticated(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            return false;
        }
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        boolean offered = false;
        for (byte method : methods) {
            offered |= method == USERNAME_PASSWORD;
        }
        out.write(new byte[] {VERSION, (byte) (offered ? USERNAME_PASSWORD : NO_ACCEPTABLE_METHOD)});
        out.flush();
        if (!offered || in.readUnsignedByte() != 1) {
            return false;
        }
        byte[] user = in.readNBytes(in.readUnsignedByte());
        byte[] given = in.readNBytes(in.readUnsignedByte());
        boolean ok = MessageDigest.isEqual(user, USERNAME.getBytes(StandardCharsets.US_ASCII))
                & MessageDigest.isEqual(given, password.getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
        out.flush();
        return ok;
    }

    /** @return where to connect, or null after answering a request this server does not serve */
    private static SshdSocketAddress readConnectRequest(DataInputStream in, OutputStream out) throws IOException {
        in.readUnsignedByte(); // version
        int command = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int addressType = in.readUnsignedByte();
        String host;
        switch (addressType) {
            case 1 -> host = InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case 3 -> host = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            case 4 -> host = InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            default -> {
                reply(out, ADDRESS_TYPE_NOT_SUPPORTED);
                return null;
            }
        }
        int port = in.readUnsignedShort();
        if (command != CONNECT) {
            reply(out, COMMAND_NOT_SUPPORTED);
            return null;
        }
        return new SshdSocketAddress(host, port);
    }

    private static void reply(OutputStream out, int status) throws IOException {
        out.write(new byte[] {VERSION, (byte) status, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    /** Copies both ways until either side ends, then closes both. */
    private static void relay(Socket client, ChannelDirectTcpip channel) throws IOException {
        Relay.copyInBackground(client.getInputStream(), channel.getInvertedIn(), () -> channel.close(false),
                "bbr-jumpbox-socks-up");
        try {
            Relay.copy(channel.getInvertedOut(), client.getOutputStream());
        } finally {
            channel.close(true);
            client.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
