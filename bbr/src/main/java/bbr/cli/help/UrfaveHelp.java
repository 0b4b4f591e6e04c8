package bbr.cli.help;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help screens in the original's layout (urfave/cli v1 with bbr's own templates), rendered from whatever commands
 * and options the picocli tree has: the app help, a mode's help (a command with subcommands) and a leaf command's
 * help. Operators and scripts know these screens byte for byte.
 */
public final class UrfaveHelp {

    private static final String INDENT = "   ";

    private final String version;

    public UrfaveHelp(String version) {
        this.version = version;
    }

    /**
     * The app template: NAME, USAGE, VERSION, COMMANDS and the fixed SUBCOMMANDS list. For a mode (the original
     * shows it this way after "command not found" inside a mode) the COMMANDS are the mode's subcommands.
     */
    public String app(CommandSpec spec) {
        CommandSpec root = spec.root();
        StringBuilder text = new StringBuilder();
        text.append("NAME:\n").append(INDENT).append(spec.qualifiedName()).append(" - ").append(usage(spec))
                .append("\n\nUSAGE:\n").append(INDENT).append(synopsis(root))
                .append("\n\nVERSION:\n").append(INDENT).append(version)
                .append("\n\nCOMMANDS:\n").append(commandRows(spec).render())
                .append("\nSUBCOMMANDS:\n");
        for (String name : subcommandList(root)) {
            text.append(INDENT).append(name).append('\n');
        }
        return text.toString();
    }

    /** The original's subcommand template, for {@code bbr director} and {@code bbr deployment}. */
    public String mode(CommandSpec spec) {
        List<OptionSpec> options = visibleOptions(spec);
        StringBuilder text = new StringBuilder();
        text.append("NAME:\n").append(INDENT).append(spec.qualifiedName()).append(" - ").append(usage(spec))
                .append("\n\nUSAGE:\n").append(INDENT).append(spec.qualifiedName()).append(' ')
                .append(options.isEmpty() ? "" : "[options]").append(" subcommand [subcommand options]")
                .append("\n\nSUBCOMMANDS:\n").append(commandRows(spec).render()).append('\n');
        if (!options.isEmpty()) {
            text.append("OPTIONS:\n").append(optionRows(options).render()).append(INDENT).append('\n');
        }
        return text.toString();
    }

    /** The original's command template, for a command without subcommands ({@code bbr director backup}). */
    public String command(CommandSpec spec) {
        List<OptionSpec> options = visibleOptions(spec);
        StringBuilder text = new StringBuilder();
        text.append("NAME:\n").append(INDENT).append(spec.qualifiedName()).append(" - ").append(usage(spec))
                .append("\n\nUSAGE:\n").append(INDENT).append(spec.qualifiedName())
                .append(options.isEmpty() ? "" : " [options]").append(" \n");
        if (!options.isEmpty()) {
            text.append("\nOPTIONS:\n").append(optionRows(options).render()).append(INDENT).append('\n');
        }
        return text.toString();
    }

    /** The help that fits {@code spec}'s place in the tree. */
    public String of(CommandSpec spec) {
        if (spec.parent() == null) {
            return app(spec);
        }
        return spec.subcommands().isEmpty() ? command(spec) : mode(spec);
    }

    private static TabColumns commandRows(CommandSpec spec) {
        TabColumns rows = new TabColumns();
        for (CommandSpec command : subcommands(spec)) {
            if (command.usageMessage().hidden()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add(command.name());
            names.addAll(List.of(command.aliases()));
            rows.row(INDENT + String.join(", ", names), usage(command));
        }
        return rows;
    }

    private static TabColumns optionRows(List<OptionSpec> options) {
        TabColumns rows = new TabColumns();
        for (OptionSpec option : options) {
            boolean takesValue = option.arity().max() > 0;
            List<String> names = new ArrayList<>();
            for (String name : option.names()) {
                names.add(takesValue ? name + " value" : name);
            }
            rows.row(INDENT + String.join(", ", names), String.join(" ", option.description()));
        }
        return rows;
    }

    /** Distinct subcommands (picocli keys them by every alias too), the original's first. */
    public static List<CommandSpec> subcommands(CommandSpec spec) {
        Set<CommandSpec> distinct = new LinkedHashSet<>();
        for (CommandLine line : spec.subcommands().values()) {
            distinct.add(line.getCommandSpec());
        }
        List<CommandSpec> ordered = new ArrayList<>(distinct);
        ordered.sort(OriginalOrder.by(OriginalOrder.COMMANDS, CommandSpec::name));
        return ordered;
    }

    private static List<OptionSpec> visibleOptions(CommandSpec spec) {
        List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
        options.sort(OriginalOrder.by(OriginalOrder.FLAGS, OptionSpec::longestName));
        return options;
    }

    /** Every subcommand name of every mode, in the original template's order, ours after. */
    private static List<String> subcommandList(CommandSpec root) {
        Set<String> names = new LinkedHashSet<>();
        for (CommandSpec command : subcommands(root)) {
            subcommands(command).forEach(sub -> names.add(sub.name()));
        }
        List<String> ordered = new ArrayList<>(names);
        ordered.sort(OriginalOrder.by(OriginalOrder.SUBCOMMAND_LIST, name -> name));
        return ordered;
    }

    private static String usage(CommandSpec spec) {
        return String.join(" ", spec.usageMessage().description());
    }

    private static String synopsis(CommandSpec root) {
        return String.join(" ", root.usageMessage().customSynopsis()).strip();
    }
}
