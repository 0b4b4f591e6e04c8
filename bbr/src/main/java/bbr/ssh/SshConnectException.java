package bbr.ssh;

import java.io.IOException;

/** bbr could not open an SSH connection to a VM; the message names the host, port and user and says why. */
public class SshConnectException extends IOException {

    public SshConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
