package bbr.testbed.s3;

import java.time.Instant;

/** One request that reached the test bed's S3 server, and the status it was answered (0: none, cut off). */
public record S3Request(Instant at, S3Operation operation, String method, String path, String query, int status) {

    @Override
    public String toString() {
        return operation + " " + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
