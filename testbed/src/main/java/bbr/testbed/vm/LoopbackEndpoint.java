package bbr.testbed.vm;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** A loopback address and port reserved for one VM's sshd, held until the farm closes. */
final class LoopbackEndpoint implements AutoCloseable {

    private final String address;
    private final int port;
    private final FileChannel lock;

    LoopbackEndpoint(String address, int port, FileChannel lock) {
        this.address = address;
        this.port = port;
        this.lock = lock;
    }

    String address() {
        return address;
    }

    int port() {
        return port;
    }

    /** Releases the reservation: closing the channel drops the file lock. */
    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            // the lock dies with the channel either way
        }
    }
}
