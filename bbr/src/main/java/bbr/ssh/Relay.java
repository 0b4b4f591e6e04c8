package bbr.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import bbr.concurrent.Daemons;

/** The byte pumps of the proxy paths ({@link SocksRelay}, {@link TunnelSocksServer}): one direction per thread. */
final class Relay {

    /** Large chunks: on the way into an SSH channel each one becomes full-size packets. */
    private static final int BUFFER = 128 * 1024;

    private Relay() {
    }

    /** Copies until {@code from} ends; every chunk is flushed, since MINA's channel streams buffer. */
    static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = from.read(buffer)) >= 0; ) {
            to.write(buffer, 0, n);
            to.flush();
        }
    }

    /** {@link #copy} on a daemon thread of its own; {@code whenDone} runs however the copy ended. */
    static Thread copyInBackground(InputStream from, OutputStream to, Runnable whenDone, String name) {
        return Daemons.start(() -> {
            try {
                copy(from, to);
            } catch (IOException ignored) {
                // either side closed: whenDone closes the other
            } finally {
                whenDone.run();
            }
        }, name);
    }
}
