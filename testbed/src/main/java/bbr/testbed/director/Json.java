package bbr.testbed.director;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's JSON, through Gson: written from maps, lists, strings, numbers, booleans and null in the maps'
 * iteration order (the Director, Ruby's {@code JSON.generate}, writes keys in insertion order, so a
 * {@code LinkedHashMap} reproduces its layout), and read strictly (RFC 8259) into the same shapes.
 */
final class Json {

    /** Nulls kept ({@code "n":null}, as Ruby writes them), and no HTML escaping of base64's '='. */
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** A request body or answer that is not strict JSON. */
    static final class JsonException extends RuntimeException {
        JsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Json() {
    }

    static String write(Object value) {
        return GSON.toJson(value);
    }

    /** Parses strict JSON: objects as ordered maps, arrays as lists, numbers as Long (integers) or Double. */
    static Object parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonException("trailing text after the JSON value", null);
            }
            return plain(element);
        } catch (IOException | RuntimeException e) {
            throw e instanceof JsonException known ? known : new JsonException("not strict JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new JsonException("expected a JSON object", null);
        }
        return (Map<String, Object>) value;
    }

    private static Object plain(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.entrySet().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
            return map;
        }
        if (element instanceof JsonArray array) {
            List<Object> list = new ArrayList<>();
            array.forEach(item -> list.add(plain(item)));
            return list;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isString()) {
            return primitive.getAsString();
        }
        String number = primitive.getAsString();
        return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
    }
}
