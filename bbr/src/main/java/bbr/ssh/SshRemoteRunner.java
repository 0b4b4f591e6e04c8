package bbr.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.session.ConnectionService;

import bbr.remote.CommandResult;
import bbr.remote.ConnectionLostException;
import bbr.remote.RemoteRunner;

/**
 * Runs commands on one VM over a single SSH connection, each on its own exec channel, several at once if asked.
 *
 * <p>The caller's streams are only ever used on the calling thread (stdout) and a pump thread (stdin), never on
 * MINA's I/O threads: those are few (cores + 1) and shared by every VM, so a slow local disk must not stall
 * other connections or their keepalives, and a failing write must abort only its own command.
 */
public final class SshRemoteRunner implements RemoteRunner {

    /** OpenSSH's default MaxSessions: more concurrent channels than this on one connection are refused. */
    static final int MAX_CONCURRENT_COMMANDS = 10;

    private static final Duration ABORT_WAIT = Duration.ofSeconds(10);

    private final ClientSession session;
    private final String address;
    private final SshSettings settings;
    private final ExecutorService stdinPumps;
    private final Semaphore channels = new Semaphore(MAX_CONCURRENT_COMMANDS, true);

    SshRemoteRunner(ClientSession session, String address, SshSettings settings, ExecutorService stdinPumps) {
        this.session = session;
        this.address = address;
        this.settings = settings;
        this.stdinPumps = stdinPumps;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen() && !session.isClosing();
    }

    @Override
    public CommandResult run(String command, InputStream stdin, OutputStream stdout) throws IOException {
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a free SSH channel to " + address);
        }
        try {
            return runOnChannel(command, stdin, stdout);
        } finally {
            channels.release();
        }
    }

    private CommandResult runOnChannel(String command, InputStream stdin, OutputStream stdout) throws IOException {
        StderrTail stderr = new StderrTail(CommandResult.MAX_CAPTURED_BYTES);
        StdoutHandoffChannel channel = open(command, stderr, stdout == null);
        try {
            StdinPump pump = StdinPump.start(channel, stdin, settings.bufferSize(), stdinPumps);
            if (stdout != null) {
                drain(channel, stdout);
            }
            awaitClosed(channel);
            pump.awaitFinished(ABORT_WAIT);
            pump.throwIfFailed();
            return result(channel, channel.getChannelState(), stderr);
        } catch (ConnectionLostException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            // When the session dies mid-stream, MINA often fails our next write first ("Write attempt on closing
            // session: SSH_MSG_CHANNEL_DATA / WINDOW_ADJUST") instead of us missing the exit status: the same
            // lost connection, and it must read as one, naming the VM. A failure of the caller's own stream
            // (a full disk, a cancelled copy) leaves the session open and is rethrown as it is.
            if (!isOpen()) {
                throw new ConnectionLostException(address, e);
            }
            throw e;
        } finally {
            if (!channel.isClosed()) {
                abort(channel);
            }
        }
    }

    private StdoutHandoffChannel open(String command, StderrTail stderr, boolean discardStdout) throws IOException {
        // Chunks of half the window at most, so the VM keeps sending into one while the other is written; 1 MiB
        // at most, the size of the artifact writer's buffer, which a write of its size bypasses.
        int chunk = (int) Math.min(1 << 20, settings.windowSize() / 2);
        StdoutHandoffChannel channel = new StdoutHandoffChannel(command, discardStdout, chunk);
        channel.setErr(stderr); // bounded and never blocks, so safe to fill from MINA's I/O thread
        try {
            session.getService(ConnectionService.class).registerChannel(channel);
            channel.open().verify(settings.handshakeTimeout(), CancelOption.CANCEL_ON_TIMEOUT);
            return channel;
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            if (!session.isOpen()) {
                throw new ConnectionLostException(address, e);
            }
            throw new IOException("ssh: cannot start a command on " + address + ": " + e.getMessage(), e);
        }
    }

    /** Copies the VM's stdout to the caller; a failing write aborts this command only and is rethrown. */
    private static void drain(StdoutHandoffChannel channel, OutputStream stdout) throws IOException {
        try {
            channel.drainTo(stdout);
            stdout.flush();
        } catch (IOException | RuntimeException e) {
            abort(channel);
            channel.discardQueued();
            throw e;
        }
    }

    /** Unlike MINA's waitFor, which swallows interrupts, this lets a cancelled bbr stop waiting. */
    private static void awaitClosed(ChannelExec channel) throws InterruptedIOException {
        CountDownLatch closed = new CountDownLatch(1);
        channel.addCloseFutureListener(future -> closed.countDown());
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a remote command to finish");
        }
    }

    /** Closes the channel so the VM closes the command's pipes (a writer gets SIGPIPE) without killing the session. */
    private static void abort(ChannelExec channel) {
        if (!channel.close(false).awaitUninterruptibly(ABORT_WAIT)) {
            channel.close(true);
        }
    }

    private CommandResult result(ChannelExec channel, Set<ClientChannelEvent> state, StderrTail stderr)
            throws ConnectionLostException {
        Integer status = channel.getExitStatus();
        String signal = channel.getExitSignal();
        // An exit status without the stdout EOF on a dead session means output was cut off: not a success either.
        boolean cutOff = !state.contains(ClientChannelEvent.EOF) && !session.isOpen();
        if ((status == null && signal == null) || cutOff) {
            throw new ConnectionLostException(address, null);
        }
        if (status != null) {
            return new CommandResult(status, stderr.toString());
        }
        String text = stderr.toString();
        return new CommandResult(ExitSignals.exitStatus(signal),
                text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "killed by signal " + signal);
    }

    @Override
    public void close() {
        if (!session.close(false).awaitUninterruptibly(ABORT_WAIT)) {
            session.close(true);
        }
    }

    @Override
    public String toString() {
        return "ssh " + session.getUsername() + "@" + address;
    }
}
