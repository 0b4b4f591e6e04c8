package bbr.cli;

import bbr.cli.help.GoFlagError;
import bbr.cli.help.GoFlagNames;
import bbr.cli.help.UrfaveHelp;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Carries out a command line in the original's order (urfave/cli v1): a flag error is "Incorrect Usage" and the
 * help; {@code --help}/{@code -h} shows the help of the command it follows; a mode's required flags are checked
 * (help and a red error when one is missing) before its subcommand's own flags; an unknown command is named, then
 * the app help. Returns the exit code.
 */
final class Invocation {

    private static final List<String> HELP_WORDS = List.of("--help", "-h");

    private final CommandLine root;
    private final Terminal terminal;
    private final UrfaveHelp help;
    private final String version;

    Invocation(CommandLine root, Terminal terminal, String version) {
        this.root = root;
        this.terminal = terminal;
        this.help = new UrfaveHelp(version);
        this.version = version;
    }

    int run(String... words) throws Exception {
        String[] args = GoFlagNames.declared(root.getCommandSpec(), words);
        ParseResult parsed;
        try {
            parsed = root.parseArgs(args);
        } catch (CommandLine.ParameterException refused) {
            return refused(refused, List.of(args));
        }
        if (parsed.isVersionHelpRequested()) {
            terminal.out().println("bbr version " + version);
            return 0;
        }
        if (!parsed.hasSubcommand()) {
            return show(help.app(root.getCommandSpec()), 0);
        }
        ParseResult command = parsed.subcommand();
        return command.commandSpec().subcommands().isEmpty() ? command(command) : mode(command);
    }

    private int mode(ParseResult mode) throws Exception {
        CommandSpec spec = mode.commandSpec();
        if (mode.isUsageHelpRequested()) {
            return show(help.mode(spec), 0);
        }
        ParseResult subcommand = mode.subcommand();
        Optional<Integer> refusal = before(spec, subcommand != null && helpAmong(subcommand.expandedArgs()),
                subcommand != null && subcommand.expandedArgs().contains("--json"));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return subcommand == null ? show(help.mode(spec), 0) : command(subcommand);
    }

    private int command(ParseResult command) throws Exception {
        CommandSpec spec = command.commandSpec();
        Optional<String> unknown = command.unmatched().stream().filter(GoFlagError::isFlag).findFirst();
        if (unknown.isPresent()) {
            return usage("flag provided but not defined: -" + GoFlagError.name(unknown.get()), help.command(spec),
                    command.expandedArgs().contains("--json"));
        }
        if (command.isUsageHelpRequested()) {
            return show(help.command(spec), 0);
        }
        return ((Callable<?>) spec.userObject()).call() instanceof Integer code ? code : 0;
    }

    /** A mode's required flags, as urfave/cli's Before hook: its help and the red error when one is missing. */
    private Optional<Integer> before(CommandSpec mode, boolean helpRequested) {
        return before(mode, helpRequested, false);
    }

    /** With {@code --json} the refusal is a JSON error object on stdout instead of the help. */
    private Optional<Integer> before(CommandSpec mode, boolean helpRequested, boolean json) {
        if (!(mode.userObject() instanceof Target target)) {
            return Optional.empty();
        }
        Optional<String> missing = target.missingFlag(helpRequested);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        if (json) {
            new JsonLines(terminal.out(), java.time.Clock.systemUTC()).error(missing.get(), 1, null, null);
        } else {
            terminal.out().print(help.mode(mode));
        }
        terminal.redError(missing.get());
        return Optional.of(1);
    }

    private int refused(CommandLine.ParameterException refused, List<String> args) throws Exception {
        CommandSpec spec = refused.getCommandLine().getCommandSpec();
        String word = GoFlagError.unmatchedWord(refused);
        boolean isCommandName = word != null && !GoFlagError.isFlag(word);
        if (spec.parent() == null) {
            if (isCommandName) {
                return show("Error command '" + word + "' not found\n\n" + help.app(spec), 0);
            }
            return show("Incorrect Usage. " + GoFlagError.describe(refused, args, false) + "\n\n" + help.app(spec), 1);
        }
        if (!spec.subcommands().isEmpty()) {
            if (!isCommandName) {
                return show("Incorrect Usage. " + GoFlagError.describe(refused, args, true) + "\n\n"
                        + help.mode(spec), 1);
            }
            return unknownInMode(spec, ((CommandLine.UnmatchedArgumentException) refused).getUnmatched());
        }
        // A command's flag lacks its value: its mode's checks still come first.
        CommandSpec mode = spec.parent();
        if (mode.parent() != null) {
            if (helpRequested(mode)) {
                return show(help.mode(mode), 0);
            }
            Optional<Integer> refusal = before(mode, helpAmong(afterModeFlags(mode, args.subList(1, args.size()))));
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        return usage(GoFlagError.describe(refused, args, true), help.command(spec), args.contains("--json"));
    }

    /**
     * A command's flag error: "Incorrect Usage" and its help on stdout, as the original; under {@code --json}, whose
     * promise is that stdout holds JSON objects only, one error object there and the words on stderr.
     */
    private int usage(String problem, String commandHelp, boolean json) {
        if (!json) {
            return show("Incorrect Usage: " + problem + "\n\n" + commandHelp, 1);
        }
        new JsonLines(terminal.out(), java.time.Clock.systemUTC()).error("Incorrect Usage: " + problem, 1, null, null);
        terminal.redError("Incorrect Usage: " + problem);
        return 1;
    }

    /** {@code bbr director … foo}: urfave/cli's help subcommand for "help" and "h", else "not found". */
    private int unknownInMode(CommandSpec mode, List<String> words) throws Exception {
        if (helpRequested(mode)) {
            return show(help.mode(mode), 0);
        }
        Optional<Integer> refusal = before(mode, helpAmong(words));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        String word = words.get(0);
        if (!word.equals("help") && !word.equals("h")) {
            return show("Error command '" + word + "' not found\n\n" + help.app(mode), 0);
        }
        if (words.size() < 2) {
            return show(help.app(mode), 0);
        }
        CommandLine topic = mode.subcommands().get(words.get(1));
        return topic == null
                ? show("Error command '" + words.get(1) + "' not found\n\n" + help.app(mode), 0)
                : show(help.command(topic.getCommandSpec()), 0);
    }

    /** The words after a mode's own flags and their values: its subcommand and whatever follows. */
    private static List<String> afterModeFlags(CommandSpec mode, List<String> words) {
        int i = 0;
        while (i < words.size() && GoFlagError.isFlag(words.get(i))) {
            String word = words.get(i);
            OptionSpec option = mode.findOption(word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
            if (option == null) {
                break;
            }
            i += option.arity().min() > 0 && !word.contains("=") ? 2 : 1;
        }
        return words.subList(Math.min(i, words.size()), words.size());
    }

    private static boolean helpRequested(CommandSpec spec) {
        return spec.options().stream().anyMatch(o -> o.usageHelp() && Boolean.TRUE.equals(o.getValue()));
    }

    /** The original's containsHelpFlag: any word after the mode's flags that is exactly --help or -h. */
    private static boolean helpAmong(List<String> words) {
        return words.stream().anyMatch(HELP_WORDS::contains);
    }

    private int show(String text, int exitCode) {
        terminal.out().print(text);
        return exitCode;
    }
}
