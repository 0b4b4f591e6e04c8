package bbr.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.sshd.client.channel.ChannelExec;

/**
 * Copies a caller's stdin to a remote command on its own thread (the calling thread drains stdout meanwhile),
 * then sends EOF.
 *
 * <p>EOF is sent only after a complete copy. When reading the caller's stdin fails, the channel is closed
 * instead and {@code run} throws that error, so a truncated upload is never reported as a success (the remote
 * command may still see its stdin end: OpenSSH closes the pipe when the channel closes).
 */
final class StdinPump {

    private final ChannelExec channel;
    private final Future<?> task;
    private volatile IOException failure;

    private StdinPump(ChannelExec channel, InputStream stdin, int bufferSize, ExecutorService pumps) {
        this.channel = channel;
        this.task = stdin == null ? null : pumps.submit(() -> copy(stdin, bufferSize));
    }

    /** Starts copying {@code stdin}, or sends EOF at once when it is {@code null} (as the original's empty stdin). */
    static StdinPump start(ChannelExec channel, InputStream stdin, int bufferSize, ExecutorService pumps) {
        if (stdin == null) {
            try {
                channel.getInvertedIn().close();
            } catch (IOException e) {
                // The command already ended; its exit status (or the lost connection) tells the story.
            }
        }
        return new StdinPump(channel, stdin, bufferSize, pumps);
    }

    private void copy(InputStream stdin, int bufferSize) {
        OutputStream toVm = channel.getInvertedIn();
        byte[] buffer = new byte[bufferSize];
        try {
            for (int n = read(stdin, buffer); n >= 0; n = read(stdin, buffer)) {
                toVm.write(buffer, 0, n);
            }
            toVm.close();
        } catch (LocalReadFailure e) {
            fail(e.getCause());
        } catch (IOException | RuntimeException e) {
            // Closing means the command ended or the connection dropped: reported from the exit status instead.
            if (!channel.isClosing()) {
                fail(new IOException("ssh: sending stdin failed: " + e.getMessage(), e));
            }
        }
    }

    private static int read(InputStream stdin, byte[] buffer) throws LocalReadFailure {
        try {
            return stdin.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw new LocalReadFailure(e);
        }
    }

    private void fail(Throwable cause) {
        failure = cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        channel.close(false); // no EOF: the command's outcome no longer matters, run() reports this failure
    }

    /** Waits a little for the copy to end after the channel closed; a read blocked in the caller's stream is left. */
    void awaitFinished(Duration grace) {
        if (task == null) {
            return;
        }
        try {
            task.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Nothing to add: a failure was recorded by copy(), a stuck read ends when the caller closes stdin.
        }
    }

    void throwIfFailed() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw e;
        }
    }

    /** Marks an exception from the caller's stdin, as opposed to one from the channel. */
    private static final class LocalReadFailure extends Exception {
        LocalReadFailure(Throwable cause) {
            super(cause);
        }
    }
}
