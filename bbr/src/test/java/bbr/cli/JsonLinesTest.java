package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.log.Event;
import bbr.log.Level;
import bbr.log.Logger;
import bbr.log.ProgressListener;
import bbr.log.Redactor;
import bbr.orchestration.BbrError;
import bbr.orchestration.ErrorKind;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --json}'s printer, read back with Gson: one object per line, typed as docs/json-output.md says. */
class JsonLinesTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonLines json = new JsonLines(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-11-27T00:15:00Z"), ZoneOffset.UTC));

    private List<JsonObject> objects() {
        return bytes.toString(StandardCharsets.UTF_8).lines().map(line -> JsonParser.parseString(line)
                .getAsJsonObject()).toList();
    }

    @Test
    void logsEventsProgressAndErrors_areOneObjectPerLine() {
        Logger logger = Redactor.shapes().withSecret("s3cr3t-value").wrap(json.logger(false));
        json.runStarted("bbr director backup");
        logger.info("Looking for scripts");
        logger.debug("not without --debug");
        logger.event(Event.job("job.start", Level.INFO, "backup", "db", "bosh/0", "Backing up db on bosh/0..."));
        ProgressListener.Copy copy = logger.progress().started("db on bosh/0", 100);
        copy.advanced(52);
        copy.finished();
        json.error(new BbrError(ErrorKind.UNLOCK, "unlock failed"), null, "run bbr backup-cleanup");
        logger.info("password s3cr3t-value");
        json.runFinished(8);

        List<JsonObject> objects = objects();
        assertThat(objects).extracting(o -> o.get("type").getAsString()).containsExactly("run.start", "log",
                "job.start", "copy.start", "copy.progress", "copy.finish", "error", "log", "run.finish");
        assertThat(objects).allSatisfy(o -> assertThat(o.get("time").getAsString()).isEqualTo("2026-11-27T00:15:00Z"));
        assertThat(objects.get(2).get("job").getAsString()).isEqualTo("db");
        assertThat(objects.get(2).get("instance").getAsString()).isEqualTo("bosh/0");
        assertThat(objects.get(4).get("percent").getAsInt()).isEqualTo(50);
        assertThat(objects.get(6).get("exit_code").getAsInt()).isEqualTo(8);
        assertThat(objects.get(6).get("remedy").getAsString()).isEqualTo("run bbr backup-cleanup");
        assertThat(objects.get(7).get("message").getAsString()).isEqualTo("password <redacted>");
        assertThat(objects.get(8).get("exit_code").getAsInt()).isEqualTo(8);
    }

    @Test
    void consoleLines_areOutputObjects() {
        json.screen().println("Director can be backed up.");
        assertThat(objects().get(0).get("text").getAsString()).isEqualTo("Director can be backed up.");
        assertThat(Map.of("type", objects().get(0).get("type").getAsString())).containsEntry("type", "output");
    }
}
