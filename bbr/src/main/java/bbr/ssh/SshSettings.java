package bbr.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Tunables of bbr's SSH connections: timeouts, keepalives and the flow-control sizes that decide throughput.
 *
 * <p>The sizes come from measurements against OpenSSH 9.2 (see {@link #defaults()} and SshThroughputBenchmark);
 * they are settings rather than constants so the benchmark can compare alternatives.
 *
 * <p>Tuning knob: the JVM system property {@value #HANDSHAKE_TIMEOUT_PROPERTY} replaces the 60 s handshake
 * timeout, as an ISO-8601 duration ({@code PT10M}) or a number of seconds, e.g.
 * {@code BBR_JAVA_OPTS=-Dbbr.ssh.handshake-timeout=PT3M bin/bbr ...} for VMs behind a slow jumpbox, or a few
 * seconds in tests of a host that accepts TCP but never speaks SSH. Likewise {@value #HEARTBEAT_INTERVAL_PROPERTY}
 * replaces the 30 s keepalive interval, for a jumpbox or firewall that closes connections idle for less.
 *
 * @param connectTimeout     how long a TCP connect may take before the host counts as unreachable
 * @param handshakeTimeout   how long SSH version exchange, key exchange and authentication may take together;
 *                           bounds a server that accepts TCP but never speaks SSH
 * @param heartbeatInterval  how often a {@code keepalive@bbr} request is sent on the connection
 * @param heartbeatMaxMissed unanswered keepalives in a row after which the connection counts as dead (0 = never)
 * @param windowSize         the channel window we grant the VM: bytes it may send before we acknowledge
 * @param packetSize         the largest channel data packet we accept from the VM
 * @param bufferSize         the most of a caller's stdin read at once; each read fills one SSH packet, so the
 *                           VM's largest packet (32 KiB for OpenSSH) bounds it too
 */
public record SshSettings(
        Duration connectTimeout,
        Duration handshakeTimeout,
        Duration heartbeatInterval,
        int heartbeatMaxMissed,
        long windowSize,
        int packetSize,
        int bufferSize) {

    /**
     * With a 256 KiB packet size OpenSSH's packets exceed its own 256 KiB PACKET_MAX_SIZE once framed, and MINA
     * fails the session with AEADBadTagException (measured; 255 KiB still worked): stay well below.
     */
    static final int MAX_PACKET_SIZE = 128 * 1024;

    /** The system property that overrides {@link #handshakeTimeout()}; see the class comment. */
    public static final String HANDSHAKE_TIMEOUT_PROPERTY = "bbr.ssh.handshake-timeout";
    /** The system property that overrides {@link #heartbeatInterval()}; see the class comment. */
    public static final String HEARTBEAT_INTERVAL_PROPERTY = "bbr.ssh.heartbeat-interval";

    public SshSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        if (heartbeatMaxMissed < 0) {
            throw new IllegalArgumentException("heartbeatMaxMissed must not be negative");
        }
        if (packetSize < 1024 || packetSize > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("packetSize must be between 1 KiB and 128 KiB: " + packetSize);
        }
        if (windowSize < packetSize || windowSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("windowSize must be between packetSize and 4 GiB - 1: " + windowSize);
        }
        if (bufferSize < 1024) {
            throw new IllegalArgumentException("bufferSize must be at least 1 KiB: " + bufferSize);
        }
    }

    /**
     * Generous but finite timeouts (the original had none and could hang forever), a keepalive every 30 s that
     * declares the VM gone after 5 silent minutes, and the flow control that measured best:
     *
     * <ul>
     *   <li>window 2 MiB, as OpenSSH's and Go's clients use. Larger windows gain nothing on a LAN but make the
     *       VM's sshd burn CPU whenever bbr or the network is slower than the disk: sshd buffers up to the window
     *       and regrows that buffer in 16 KiB steps, each copying all of it (sshbuf/recallocarray, seen as 90%
     *       memmove in perf). Cold-JVM 1 GiB download: sshd 1.4-2.0 CPU s/GiB at 2-4 MiB, 3-3.4 at 6 MiB, 8 at
     *       8 MiB, 17-27 at 16 MiB, which also cut throughput from ~130 to ~35 MB/s.</li>
     *   <li>packets 64 KiB: 32, 64 and 128 KiB measured alike (within noise, ~270-320 MB/s, 1.7-1.8 CPU s/GiB);
     *       64 KiB stays far from the 256 KiB failure above.</li>
     *   <li>stdin chunks 128 KiB: uploads ran ~190-230 MB/s against ~150-175 with 64 KiB, when they were written
     *       through MINA's ChannelOutputStream; reads now go straight into packets (see StdinPump).</li>
     * </ul>
     */
    public static SshSettings defaults() {
        return new SshSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30), 10,
                2L * 1024 * 1024, 64 * 1024, 128 * 1024);
    }

    /** What a bbr run uses: the {@link #defaults()} with the tuning knobs set as system properties applied. */
    public static SshSettings configured() {
        return configured(System::getProperty);
    }

    /** @param properties the value of a system property by name, or null when it is not set */
    static SshSettings configured(UnaryOperator<String> properties) {
        SshSettings settings = defaults();
        Duration handshake = duration(properties, HANDSHAKE_TIMEOUT_PROPERTY);
        if (handshake != null) {
            settings = settings.withHandshakeTimeout(handshake);
        }
        Duration heartbeat = duration(properties, HEARTBEAT_INTERVAL_PROPERTY);
        if (heartbeat != null) {
            settings = settings.withHeartbeat(heartbeat, settings.heartbeatMaxMissed());
        }
        return settings;
    }

    private static Duration duration(UnaryOperator<String> properties, String name) {
        String configured = properties.apply(name);
        if (configured == null) {
            return null;
        }
        String value = configured.strip();
        try {
            Duration duration = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value);
            requirePositive(duration, name);
            return duration;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-D" + name + "=" + configured
                    + " is not a positive duration such as PT90S or a number of seconds", e);
        }
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
