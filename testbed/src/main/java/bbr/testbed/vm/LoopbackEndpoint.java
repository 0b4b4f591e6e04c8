package bbr.testbed.vm;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A loopback address and port reserved for one VM's sshd, held until the farm closes. */
final class LoopbackEndpoint implements AutoCloseable {

    private final String address;
    private final int port;
    private final Path lockFile;
    private final FileChannel lock;
    private final AtomicBoolean released = new AtomicBoolean();

    LoopbackEndpoint(String address, int port, Path lockFile, FileChannel lock) {
        this.address = address;
        this.port = port;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    String address() {
        return address;
    }

    int port() {
        return port;
    }

    /** Releases the reservation, once: closing the channel drops the file lock. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            LoopbackAddresses.release(lockFile, lock);
        }
    }
}
