package bbr.cli;

import bbr.artifact.BackupListing;
import bbr.artifact.Sizes;
import bbr.artifact.store.ArtifactPlace;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bbr list}: the backups in a directory or an {@code s3://} place, one a line, oldest first: name,
 * deployment, start and finish time, stored size, encoding, and {@code complete} or {@code incomplete}.
 */
@Command(name = "list", description = "List the backups in a directory or s3://BUCKET[/PREFIX]")
final class ListCommand implements Callable<Integer> {

    private static final String NONE = "-";

    @Option(names = {"--artifact-path", "-a"}, description = "Specify the directory or s3://BUCKET[/PREFIX] that"
            + " holds the backups")
    String artifactPath;

    @Option(names = "--json", description = "Print one JSON object per backup per line, and nothing else")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CliContext context;
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (ArtifactPlaces.missing(artifactPath, spec, context.terminal())) {
            return 1;
        }
        ArtifactPlace place;
        try {
            place = ArtifactPlaces.of(context.terminal().workingDirectory()).place(artifactPath);
        } catch (IllegalArgumentException e) {
            context.terminal().flagError(e.getMessage());
            return 1;
        }
        try (place) {
            List<BackupListing.Entry> entries = BackupListing.of(place);
            if (json) {
                entries.forEach(entry -> context.terminal().out().println(gson.toJson(fields(entry))));
            } else {
                print(entries);
            }
            return 0;
        } catch (IOException e) {
            String cause = e instanceof java.nio.file.NoSuchFileException missing && missing.getReason() != null
                    ? missing.getReason() : e.getMessage();
            context.terminal().flagError(ArtifactPlaces.redactor().redact("Could not list the backups at "
                    + place.location() + ": " + cause));
            return 1;
        }
    }

    private static Map<String, Object> fields(BackupListing.Entry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", entry.name());
        fields.put("deployment", entry.deployment());
        fields.put("start_time", entry.startTime());
        fields.put("finish_time", entry.finishTime());
        fields.put("stored_bytes", entry.storedBytes());
        fields.put("encoding", entry.encoding());
        fields.put("complete", entry.complete());
        fields.put("problem", entry.problem());
        return fields;
    }

    /** Columns padded to their widest value, so that the lines read as a table. */
    private void print(List<BackupListing.Entry> entries) {
        List<List<String>> rows = new ArrayList<>();
        for (BackupListing.Entry entry : entries) {
            rows.add(List.of(entry.name(), entry.deployment(), Optional.ofNullable(entry.startTime()).orElse(NONE),
                    Optional.ofNullable(entry.finishTime()).orElse(NONE), Sizes.human(entry.storedBytes()),
                    Optional.ofNullable(entry.encoding()).orElse(NONE), entry.complete() ? "complete"
                            : "incomplete" + (entry.problem() == null ? "" : " (" + entry.problem() + ")")));
        }
        int[] widths = new int[7];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            context.terminal().out().println(line);
        }
    }
}
