package bbr.testbed.director;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers; {@link #drop()} closes the connection without any answer, a transport error. */
record Response(int status, Map<String, String> headers, byte[] body, boolean dropped) {

    static Response json(int status, Object value) {
        return of(status, "application/json", Json.write(value));
    }

    static Response text(int status, String text) {
        return of(status, "text/html;charset=utf-8", text);
    }

    static Response of(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Response empty(int status) {
        return new Response(status, new LinkedHashMap<>(), new byte[0], false);
    }

    static Response drop() {
        return new Response(0, Map.of(), new byte[0], true);
    }

    Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, copy, body, dropped);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
