package bbr.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of bbr's SSH connections: timeouts, keepalives and the flow-control sizes that decide throughput.
 *
 * <p>The sizes are chosen from measurements against OpenSSH on loopback (see {@link #defaults()}); they are
 * settings rather than constants so the throughput benchmark can compare alternatives.
 *
 * @param connectTimeout    how long a TCP connect may take before the host counts as unreachable
 * @param handshakeTimeout  how long SSH version exchange, key exchange and authentication may take together;
 *                          bounds a server that accepts TCP but never speaks SSH
 * @param heartbeatInterval how often a {@code keepalive@bbr} request is sent on an otherwise silent connection
 * @param heartbeatMaxMissed unanswered keepalives after which the connection counts as dead (0 = never)
 * @param windowSize        the channel window we grant the VM: bytes it may send before we acknowledge
 * @param packetSize        the largest channel data packet we accept from the VM
 * @param bufferSize        the chunk size used to copy stdin to the VM and the VM's stdout to the caller
 */
public record SshSettings(
        Duration connectTimeout,
        Duration handshakeTimeout,
        Duration heartbeatInterval,
        int heartbeatMaxMissed,
        long windowSize,
        int packetSize,
        int bufferSize) {

    /** OpenSSH refuses packets above 256 KiB (PACKET_MAX_SIZE in its packet.c); larger values break the channel. */
    static final int MAX_PACKET_SIZE = 256 * 1024;

    public SshSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        if (heartbeatMaxMissed < 0) {
            throw new IllegalArgumentException("heartbeatMaxMissed must not be negative");
        }
        if (packetSize < 1024 || packetSize > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("packetSize must be between 1 KiB and 256 KiB: " + packetSize);
        }
        if (windowSize < packetSize || windowSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("windowSize must be between packetSize and 4 GiB - 1: " + windowSize);
        }
        if (bufferSize < 1024) {
            throw new IllegalArgumentException("bufferSize must be at least 1 KiB: " + bufferSize);
        }
    }

    /**
     * Generous timeouts (the original bbr had none and hung forever) and the measured best flow-control sizes:
     * a 16 MiB window with 64 KiB packets and 64 KiB copy buffers.
     */
    public static SshSettings defaults() {
        return new SshSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30), 10,
                16L * 1024 * 1024, 64 * 1024, 64 * 1024);
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(timeout, handshakeTimeout, heartbeatInterval, heartbeatMaxMissed,
                windowSize, packetSize, bufferSize);
    }

    public SshSettings withHandshakeTimeout(Duration timeout) {
        return new SshSettings(connectTimeout, timeout, heartbeatInterval, heartbeatMaxMissed,
                windowSize, packetSize, bufferSize);
    }

    public SshSettings withHeartbeat(Duration interval, int maxMissed) {
        return new SshSettings(connectTimeout, handshakeTimeout, interval, maxMissed,
                windowSize, packetSize, bufferSize);
    }

    public SshSettings withFlowControl(long window, int packet, int buffer) {
        return new SshSettings(connectTimeout, handshakeTimeout, heartbeatInterval, heartbeatMaxMissed,
                window, packet, buffer);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
