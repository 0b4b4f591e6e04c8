package bbr.testbed.s3;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What an S3 request asks for, told from its method and query as the S3 REST API defines them. */
public enum S3Operation {
    CREATE_MULTIPART_UPLOAD, UPLOAD_PART, COMPLETE_MULTIPART_UPLOAD, ABORT_MULTIPART_UPLOAD, LIST_MULTIPART_UPLOADS,
    PUT_OBJECT, GET_OBJECT, HEAD_OBJECT, DELETE_OBJECT, LIST_OBJECTS, HEAD_BUCKET, OTHER;

    /** @param path the request path, {@code /bucket} or {@code /bucket/key} (path-style) */
    static S3Operation of(String method, String path, String query) {
        Set<String> parameters = query == null ? Set.of() : Arrays.stream(query.split("&"))
                .map(p -> p.split("=", 2)[0]).collect(Collectors.toSet());
        boolean bucketOnly = path.indexOf('/', 1) < 0 || path.indexOf('/', 1) == path.length() - 1;
        return switch (method) {
            case "PUT" -> parameters.contains("partNumber") ? UPLOAD_PART : bucketOnly ? OTHER : PUT_OBJECT;
            case "POST" -> parameters.contains("uploads") ? CREATE_MULTIPART_UPLOAD
                    : parameters.contains("uploadId") ? COMPLETE_MULTIPART_UPLOAD : OTHER;
            case "DELETE" -> parameters.contains("uploadId") ? ABORT_MULTIPART_UPLOAD : bucketOnly ? OTHER : DELETE_OBJECT;
            case "GET" -> bucketOnly ? parameters.contains("uploads") ? LIST_MULTIPART_UPLOADS : LIST_OBJECTS
                    : GET_OBJECT;
            case "HEAD" -> bucketOnly ? HEAD_BUCKET : HEAD_OBJECT;
            default -> OTHER;
        };
    }
}
