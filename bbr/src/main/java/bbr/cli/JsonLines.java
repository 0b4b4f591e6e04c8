package bbr.cli;

import bbr.instance.Version;
import bbr.log.Event;
import bbr.log.Level;
import bbr.log.Logger;
import bbr.log.ProgressListener;
import bbr.orchestration.BbrError;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --json}: every event of a run as one JSON object on a line of stdout, and nothing else there; the schema
 * is docs/json-output.md. Log lines, steps, jobs, copy progress, console lines and errors all come through here.
 */
final class JsonLines {

    private static final int PROGRESS_STEP_PERCENT = 5;

    private final PrintStream out;
    private final Clock clock;
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();

    JsonLines(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void runStarted(String command) {
        emit("run.start", Map.of("command", command, "bbr_version", Version.current()));
    }

    void runFinished(int exitCode) {
        emit("run.finish", Map.of("exit_code", exitCode));
    }

    /** One error of the run: its message, the exit-code bit it adds, and what to do about it when bbr knows. */
    void error(BbrError error, String deployment, String remedy) {
        error(error.getMessage(), error.kind().bit(), deployment, remedy);
    }

    void error(String message, int exitCode, String deployment, String remedy) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", message);
        fields.put("exit_code", exitCode);
        if (deployment != null) {
            fields.put("deployment", deployment);
        }
        if (remedy != null) {
            fields.put("remedy", remedy);
        }
        emit("error", fields);
    }

    /** The run's log as {@code log} objects (DEBUG only when asked for), its events as their own types. */
    Logger logger(boolean debug) {
        ProgressListener progress = progress();
        return new Logger() {
            @Override
            public void log(Level level, String message) {
                if (level != Level.DEBUG || debug) {
                    emit("log", Map.of("level", level.toString(), "message", message));
                }
            }

            @Override
            public void event(Event event) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("level", event.level().toString());
                fields.put("message", event.message());
                fields.putAll(event.fields());
                emit(event.type(), fields);
            }

            @Override
            public ProgressListener progress() {
                return progress;
            }
        };
    }

    /** What commands print on the console (verdicts, --all-deployments lines), as {@code output} objects. */
    Screen screen() {
        return new Screen() {
            @Override
            public void println(String text) {
                emit("output", Map.of("text", text));
            }

            @Override
            public Optional<ProgressListener> progress() {
                return Optional.of(JsonLines.this.progress());
            }

            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }
        };
    }

    /** copy.start, copy.progress every 5 % of the expected size, copy.finish. */
    ProgressListener progress() {
        return (label, expectedBytes) -> {
            emit("copy.start", Map.of("label", label, "expected_bytes", expectedBytes));
            return new ProgressListener.Copy() {
                private long bytes;
                private int reported;

                @Override
                public void advanced(long totalBytes) {
                    bytes = totalBytes;
                    if (expectedBytes <= 0) {
                        return;
                    }
                    int percent = (int) Math.min(100, totalBytes * 100 / expectedBytes);
                    if (percent >= reported + PROGRESS_STEP_PERCENT) {
                        reported = percent - percent % PROGRESS_STEP_PERCENT;
                        emit("copy.progress", Map.of("label", label, "bytes", totalBytes, "expected_bytes",
                                expectedBytes, "percent", reported));
                    }
                }

                @Override
                public void finished() {
                    emit("copy.finish", Map.of("label", label, "bytes", bytes));
                }
            };
        };
    }

    private void emit(String type, Map<String, Object> fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type);
        object.put("time", clock.instant().toString());
        object.putAll(fields);
        String line = gson.toJson(object);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
