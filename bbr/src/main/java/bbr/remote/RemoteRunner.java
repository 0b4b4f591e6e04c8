package bbr.remote;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One open connection to a VM over which any number of shell commands run, one after another or at once.
 *
 * <p>The domain's only seam to a remote machine: orchestration builds command lines, this runs them. An
 * implementation keeps a single connection for the whole bbr run (the original opened one per command).
 */
public interface RemoteRunner extends Closeable {

    /** How the VM is reached, for messages: {@code host:port}. */
    String address();

    /**
     * Runs {@code command} through the login shell of the remote user and waits for it to exit.
     *
     * @param stdin  bytes to send to the command's standard input, then EOF; {@code null} for none
     * @param stdout where the command's standard output goes, as it arrives; {@code null} to discard it
     * @return the exit status and the (size-bounded) standard error
     * @throws ConnectionLostException if the connection ends before the command reported an exit status
     * @throws IOException             on any other transport failure, including reading {@code stdin}
     *                                 or writing {@code stdout}
     */
    CommandResult run(String command, InputStream stdin, OutputStream stdout) throws IOException;

    /** False once the connection has died; a new one must then be opened for further commands. */
    default boolean isOpen() {
        return true;
    }

    /** Runs a command with no input, keeping at most {@link CommandResult#MAX_CAPTURED_BYTES} of its stdout. */
    default CapturedResult capture(String command) throws IOException {
        BoundedBuffer out = new BoundedBuffer(CommandResult.MAX_CAPTURED_BYTES);
        CommandResult result = run(command, null, out);
        return new CapturedResult(result.exitStatus(), out.toString(), result.stderr());
    }
}
