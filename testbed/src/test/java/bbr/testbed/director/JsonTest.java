package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void write_keepsKeyOrder_andEscapesLikeRuby() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", "ssh-rsa AAAA\n");
        map.put("a", List.of(1, true, "q\"\\"));
        map.put("n", null);

        assertThat(Json.write(map)).isEqualTo("{\"z\":\"ssh-rsa AAAA\\n\",\"a\":[1,true,\"q\\\"\\\\\"],\"n\":null}");
    }

    @Test
    void parse_readsWhatWriteWrites() {
        String text = "{\"command\":\"setup\",\"params\":{\"public_key\":\"ssh-rsa A\\u0041\\n\"},"
                + "\"target\":{\"ids\":[],\"indexes\":[0, 1.5e2]},\"x\":false}";

        Map<String, Object> parsed = Json.parseObject(text);

        assertThat(parsed.get("params")).isEqualTo(Map.of("public_key", "ssh-rsa AA\n"));
        assertThat(parsed.get("target")).isEqualTo(Map.of("ids", List.of(), "indexes", List.of(0L, 150.0)));
        assertThat(Json.parse(Json.write(parsed))).isEqualTo(parsed);
    }

    @Test
    void parse_isStrict() {
        for (String bad : List.of("{bad", "{'a':1}", "[1,]", "{\"a\":1} x", "01", "\"tab\there\"", "")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(Json.JsonException.class);
        }
    }
}
