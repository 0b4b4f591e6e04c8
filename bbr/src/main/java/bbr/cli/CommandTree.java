package bbr.cli;

import bbr.instance.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Assembles {@code bbr}, its two modes and their shared subcommands. */
final class CommandTree {

    private CommandTree() {
    }

    static CommandLine build(CliContext context) {
        CommandLine root = new CommandLine(new Root());
        DeploymentCommand deployment = new DeploymentCommand(context, System::getenv);
        root.addSubcommand(modeWithSubcommands(deployment, context,
                new DeploymentBackupCommand(deployment, context)));
        DirectorCommand director = new DirectorCommand(context);
        root.addSubcommand(modeWithSubcommands(director, context, new BackupCommand(director, context)));
        root.addSubcommand(new CommandLine(new VerifyCommand(context)));
        root.addSubcommand(new CommandLine(new VersionCommand(context)));
        root.addSubcommand(new CommandLine(new CommandLine.HelpCommand()).setCommandName("help"));
        root.getSubcommands().get("help").getCommandSpec().aliases("h");
        return root;
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

    /** {@code bbr} alone shows the help. */
    @Command(name = "bbr", description = "BOSH Backup and Restore", mixinStandardHelpOptions = false,
            footer = {"", "SUBCOMMANDS:", "   backup", "   backup-cleanup", "   restore", "   restore-cleanup",
                    "   pre-backup-check"})
    static final class Root implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
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
