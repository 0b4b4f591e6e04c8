package bbr.remote;

import java.io.IOException;

/** The connection to a VM ended while a command ran, so its outcome is unknown: always a failure. */
public class ConnectionLostException extends IOException {

    public ConnectionLostException(String address, Throwable cause) {
        super("Did the network just fail? It looks like my ssh session to " + address
                + " ended suddenly without getting an exit status from the remote VM.", cause);
    }
}
