package bbr.director;

import java.io.IOException;

/** The Director answered with a status bbr does not accept; the message quotes its answer, as bosh-cli does. */
public final class DirectorStatusException extends IOException {

    private final int status;

    public DirectorStatusException(int status, String body) {
        super("Director responded with non-successful status code '" + status + "' response '" + body + "'");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
