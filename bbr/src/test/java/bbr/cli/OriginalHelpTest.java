package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.cli.help.OriginalOrder;
import bbr.cli.help.UrfaveHelp;
import bbr.instance.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every golden file of what the original prints for help and usage errors (copied from
 * {@code shared/reference/original-help}): the same exit status and the same stdout and stderr bytes. Lines that
 * list our own additions (flags such as {@code --script-timeout}, new commands) are taken out of our output first:
 * the original's entries must come out exactly as the original prints them, in its layout and order.
 */
class OriginalHelpTest {

    private static final String ORIGINAL_VERSION = "1.9.99";

    @TempDir
    Path workDir;

    record Golden(String name, List<String> args, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Golden> goldenFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(OriginalHelpTest.class.getResource("original-help").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Golden> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                all.add(parse(file));
            }
            return all.stream();
        }
    }

    /** "$ bbr ARGS", "# exit N; stdout:", the stdout bytes, and "# stderr:" with the stderr bytes if any. */
    static Golden parse(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int firstLine = text.indexOf('\n');
        String command = text.substring("$ bbr".length(), firstLine).strip();
        int secondLine = text.indexOf('\n', firstLine + 1);
        String status = text.substring(firstLine + 1, secondLine);
        int exit = Integer.parseInt(status.replaceAll("# exit (\\d+); stdout:", "$1"));
        String rest = text.substring(secondLine + 1);
        int stderrAt = rest.indexOf("# stderr:\n");
        String stdout = stderrAt < 0 ? rest : rest.substring(0, stderrAt);
        String stderr = stderrAt < 0 ? "" : rest.substring(stderrAt + "# stderr:\n".length());
        List<String> args = command.isEmpty() ? List.of() : Arrays.asList(command.split(" "));
        return new Golden(file.getFileName().toString(), args, exit, stdout.replace(ORIGINAL_VERSION,
                Version.current()), stderr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void ourOutput_isTheOriginals(Golden golden) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workDir, false, golden.args().toArray(String[]::new));

        assertThat(withoutOurAdditions(out.toString(StandardCharsets.UTF_8))).isEqualTo(golden.stdout());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(golden.stderr());
        assertThat(exit).isEqualTo(golden.exit());
    }

    /** Drops the help rows that name a flag or a command the original does not have. */
    static String withoutOurAdditions(String help) {
        List<String> additions = additions();
        StringBuilder kept = new StringBuilder();
        for (String line : help.split("(?<=\n)")) {
            boolean ours = additions.stream().anyMatch(name -> line.startsWith("   " + name + " ")
                    || line.startsWith("   " + name + ",") || line.equals("   " + name + "\n"));
            if (!ours) {
                kept.append(line);
            }
        }
        return kept.toString();
    }

    /** Every flag and command in bbr's command tree that the original does not have. */
    static List<String> additions() {
        CommandLine root = CommandTree.build(new CliContext(new Terminal(System.out, System.err, Path.of("."), false),
                Clock.systemUTC(), Screen.plain(System.out)));
        List<String> additions = new ArrayList<>();
        collect(root.getCommandSpec(), additions);
        return additions;
    }

    private static void collect(CommandSpec spec, List<String> additions) {
        for (OptionSpec option : spec.options()) {
            if (!OriginalOrder.isOriginalFlag(option.longestName()) && !additions.contains(option.longestName())) {
                additions.add(option.longestName());
            }
        }
        for (CommandSpec sub : UrfaveHelp.subcommands(spec)) {
            if (!OriginalOrder.isOriginalCommand(sub.name())) {
                additions.add(sub.name());
            }
            collect(sub, additions);
        }
    }
}
