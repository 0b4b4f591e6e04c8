package bbr.testbed.director;

import java.time.Instant;

/**
 * One request the simulator answered: which server (DIRECTOR or UAA), method, path, query, the kind of credentials
 * it carried (never the credentials), the status answered (0 when the connection was dropped) and the body sent.
 */
public record RecordedRequest(Instant time, Server server, String method, String path, String query, AuthKind auth,
        int status, String body) {

    /** The two listeners. */
    public enum Server { DIRECTOR, UAA }

    public String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        return server + " " + method + " " + pathAndQuery() + " [" + auth + "] -> " + status;
    }
}
