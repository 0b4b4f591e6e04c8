package bbr.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Opens a fresh connection for the next command once the current one has died, so that after a dropped copy
 * bbr can still unlock and clean up the VM. The command that was running when the connection died still fails:
 * its outcome is unknown and it is never retried.
 */
public final class ReconnectingRunner implements RemoteRunner {

    /** Opens a new connection to the same VM. */
    public interface Connector {
        RemoteRunner connect() throws IOException;
    }

    private final Connector connector;
    private RemoteRunner current;

    public ReconnectingRunner(Connector connector) throws IOException {
        this.connector = connector;
        this.current = connector.connect();
    }

    @Override
    public String address() {
        return current().address();
    }

    @Override
    public CommandResult run(String command, InputStream stdin, OutputStream stdout) throws IOException {
        return connection().run(command, stdin, stdout);
    }

    @Override
    public boolean isOpen() {
        return current().isOpen();
    }

    @Override
    public synchronized void close() throws IOException {
        current.close();
    }

    private synchronized RemoteRunner current() {
        return current;
    }

    private synchronized RemoteRunner connection() throws IOException {
        if (!current.isOpen()) {
            try {
                current.close();
            } catch (IOException ignored) {
                // it is already broken; the new connection is what matters
            }
            current = connector.connect();
        }
        return current;
    }
}
