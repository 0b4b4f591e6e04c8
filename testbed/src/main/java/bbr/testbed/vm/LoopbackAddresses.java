package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out loopback addresses 127.0.0.2 to 127.0.0.254 for VMs, each with a port that is free on it.
 *
 * <p>An address is reserved with a file lock under the test bed root, so farms in other JVMs (parallel test
 * forks) never pick the same one, and the kernel drops the lock if the JVM dies. A bind probe then checks the
 * port: something outside the test bed (a host sshd on 0.0.0.0:22) may hold it.
 */
final class LoopbackAddresses {

    private static final int FIRST_HOST = 2;
    private static final int LAST_HOST = 254;

    /**
     * The lock files this JVM holds. A second channel must never be opened on one of them: the locks are POSIX
     * record locks, which belong to the process, and closing any descriptor of the file drops them. Probing an
     * address a farm of this JVM held, and closing the probe, once let a farm in the other test JVM take that
     * address while its sshd was down, and bind its port 22 first.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path lockDir;

    LoopbackAddresses(Path lockDir) {
        this.lockDir = lockDir;
    }

    /**
     * The first free address on which {@code preferredPort} is free too; when no address has it free (a
     * wildcard listener holds it everywhere), the first free address with any free port.
     */
    LoopbackEndpoint reserve(int preferredPort) {
        PortChooser preferred = address -> isFree(address, preferredPort)
                ? OptionalInt.of(preferredPort) : OptionalInt.empty();
        return reserveWith(preferred)
                .or(() -> reserveWith(LoopbackAddresses::anyFreePort))
                .orElseThrow(() -> new TestBedException("no free loopback address left in 127.0.0.2-254"));
    }

    private Optional<LoopbackEndpoint> reserveWith(PortChooser chooser) {
        for (int host = FIRST_HOST; host <= LAST_HOST; host++) {
            String address = "127.0.0." + host;
            Optional<FileChannel> lock = tryLock(address);
            if (lock.isEmpty()) {
                continue;
            }
            OptionalInt port = chooser.choose(address);
            if (port.isPresent()) {
                return Optional.of(new LoopbackEndpoint(address, port.getAsInt(), lockFile(address), lock.get()));
            }
            release(lockFile(address), lock.get());
        }
        return Optional.empty();
    }

    private Path lockFile(String address) {
        return lockDir.resolve(address + ".lock").toAbsolutePath();
    }

    private Optional<FileChannel> tryLock(String address) {
        Path file = lockFile(address);
        if (!HELD.add(file)) {
            return Optional.empty(); // a farm in this very JVM holds it
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(channel);
            }
        } catch (IOException e) {
            release(file, channel);
            throw new UncheckedIOException("cannot lock " + address + " in " + lockDir, e);
        }
        release(file, channel);
        return Optional.empty();
    }

    /** Drops a reservation of {@link #tryLock}: closing the channel releases the file lock. */
    static void release(Path file, FileChannel channel) {
        close(channel);
        HELD.remove(file);
    }

    // SO_REUSEADDR like sshd's own socket, so that connections in TIME_WAIT from an earlier farm do not count.
    private static boolean isFree(String address, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static OptionalInt anyFreePort(String address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return OptionalInt.of(probe.getLocalPort());
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held
            }
        }
    }

    private interface PortChooser {
        OptionalInt choose(String address);
    }
}
