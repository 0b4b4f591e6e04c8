package bbr.testbed.director;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP request as the simulator's endpoints see it: decoded path, raw query, headers and the whole body. */
record Request(String method, String path, String query, Headers headers, byte[] body) {

    Request {
        query = query == null ? "" : query;
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The path with its query, as a client wrote it ("/deployments/d/vms?format=full"). */
    String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** The first value of a query parameter, or null. */
    String queryParam(String name) {
        return formFields(query).get(name);
    }

    /** {@code application/x-www-form-urlencoded} fields, first value of each. */
    static Map<String, String> formFields(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return fields;
    }

    /** The media type without parameters ("application/json" of "application/json; charset=utf-8"), or "". */
    String mediaType() {
        String type = header("Content-Type");
        return type == null ? "" : type.split(";")[0].strip().toLowerCase();
    }
}
