package bbr.cli;

import bbr.cli.help.GoFlagNames;
import bbr.cli.help.UrfaveHelp;
import bbr.instance.Version;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Assembles {@code bbr}, its two modes and their shared subcommands, and sets picocli to parse as Go's flag
 * package does. The original's commands are added first: help lists them in the original's order and ours after.
 */
final class CommandTree {

    private CommandTree() {
    }

    static CommandLine build(CliContext context) {
        CommandLine root = new CommandLine(new Root());
        DeploymentCommand deployment = new DeploymentCommand(context, System::getenv);
        root.addSubcommand(modeWithSubcommands(deployment, context,
                new DeploymentBackupCommand(deployment, context)));
        DirectorCommand director = new DirectorCommand();
        CommandLine directorMode = modeWithSubcommands(director, context, new BackupCommand(director, context));
        DirectorCommand.DESCRIPTIONS.forEach((name, description) ->
                directorMode.getSubcommands().get(name).getCommandSpec().usageMessage().description(description));
        root.addSubcommand(directorMode);
        root.addSubcommand(new CommandLine(new VerifyCommand(context)));
        root.addSubcommand(new CommandLine(new ListCommand(context)));
        root.addSubcommand(new CommandLine(new HelpCommand(context)));
        root.addSubcommand(new CommandLine(new VersionCommand(context)));
        return goFlagParsing(root);
    }

    private static CommandLine modeWithSubcommands(Target target, CliContext context, BackupCommand backup) {
        CommandLine mode = new CommandLine(target);
        mode.addSubcommand(new CommandLine(new PreBackupCheckCommand(target, context)));
        mode.addSubcommand(new CommandLine(backup));
        mode.addSubcommand(new CommandLine(new RestoreCommand(target, context)));
        mode.addSubcommand(CleanupCommand.named(new CleanupCommand(target, context, CleanupCommand.BACKUP)));
        mode.addSubcommand(CleanupCommand.named(new CleanupCommand(target, context, CleanupCommand.RESTORE)));
        return mode;
    }

    /**
     * A flag's value is the next word whatever it looks like (a subcommand name, an alias, "-x"), a repeated flag's
     * last value wins, a flag takes one dash or two ({@link GoFlagNames}), and flags stop at the first other word in {@code bbr} and the modes, as in Go's flag
     * package. Every command but {@code bbr} itself takes {@code --help}/{@code -h} (urfave/cli adds it; bbr hides
     * it at the top, where {@code -h} is "flag: help requested"); the modes list it, commands do not. A command's
     * unknown flags are collected rather than refused, because the original checks its mode's flags first.
     */
    static CommandLine goFlagParsing(CommandLine root) {
        addHelpOptions(root.getCommandSpec());
        root.setAllowOptionsAsOptionParameters(true);
        root.setAllowSubcommandsAsOptionParameters(true);
        root.setOverwrittenOptionsAllowed(true);
        root.setStopAtPositional(true);
        root.setPosixClusteredShortOptionsAllowed(false); // Go has no clusters: -hostname is not -h ostname
        leaves(root.getCommandSpec()).forEach(leaf -> {
            leaf.parser().stopAtPositional(false);
            leaf.parser().unmatchedArgumentsAllowed(true);
        });
        return root;
    }

    private static void addHelpOptions(CommandSpec spec) {
        for (CommandSpec sub : UrfaveHelp.subcommands(spec)) {
            if (sub.options().stream().noneMatch(OptionSpec::usageHelp)) {
                sub.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).description("show help")
                        .hidden(sub.subcommands().isEmpty()).build());
            }
            addHelpOptions(sub);
        }
    }

    private static List<CommandSpec> leaves(CommandSpec spec) {
        if (spec.subcommands().isEmpty()) {
            return List.of(spec);
        }
        return UrfaveHelp.subcommands(spec).stream().flatMap(sub -> leaves(sub).stream()).toList();
    }

    /** {@code bbr} itself: the app help's usage line, and {@code --version}/{@code -v} (urfave's version flag). */
    @Command(name = "bbr", description = "BOSH Backup and Restore",
            customSynopsis = "bbr command [command options] [subcommand] [subcommand options]")
    static final class Root {
        @CommandLine.Option(names = {"--version", "-v"}, versionHelp = true, description = "print the version")
        boolean version;
    }

    /** {@code bbr help}: the app help, whatever follows, as the original prints it. */
    @Command(name = "help", aliases = "h", description = "Shows a list of commands or help for one command")
    static final class HelpCommand implements Callable<Integer> {
        private final CliContext context;

        @CommandLine.Spec
        CommandSpec spec;

        HelpCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.terminal().out().print(new UrfaveHelp(Version.current()).app(spec.root()));
            return 0;
        }
    }

    /** {@code bbr version}: a plain semver, which pipelines parse. */
    @Command(name = "version", aliases = "v", description = "Shows the version")
    static final class VersionCommand implements Callable<Integer> {
        private final CliContext context;

        VersionCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.terminal().out().println("bbr version " + Version.current());
            return 0;
        }
    }
}
