package bbr.cli;

import bbr.log.Failures;
import bbr.instance.Version;
import bbr.ssh.Warmup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point: builds the command tree and maps what happened to the process exit code. */
public final class Main {

    /** "1" draws the live progress block even without a terminal, "0" never draws it; for tests and odd consoles. */
    static final String FORCE_TTY = "BBR_FORCE_TTY";

    private Main() {
    }

    public static void main(String[] args) {
        if (isVersion(args)) {
            printVersion(System.out);
            System.exit(0);
        }
        boolean terminal = isTerminal(System.console() != null, System.getenv(FORCE_TTY));
        int code = run(System.out, System.err, Path.of(System.getProperty("user.dir")), terminal, args);
        System.out.flush();
        System.exit(code);
    }

    private static boolean isVersion(String[] args) {
        return args.length == 1 && List.of("version", "v", "--version", "-v").contains(args[0]);
    }

    /**
     * Before anything else in {@link #main}, and without string concatenation: its first use spins method handles,
     * which cost bbr version about a tenth of its start-up.
     */
    private static void printVersion(PrintStream out) {
        out.print("bbr version ");
        out.println(Version.current());
    }

    static boolean isTerminal(boolean console, String forced) {
        if ("1".equals(forced)) {
            return true;
        }
        return !"0".equals(forced) && console;
    }

    /**
     * Runs bbr with {@code args}; the only place besides {@link #main} that knows about exit codes. On a
     * {@code terminal}, flag errors are red and copy progress is a live block instead of percent lines.
     */
    public static int run(PrintStream out, PrintStream err, Path workingDirectory, boolean terminal, String... args) {
        // Answered before picocli builds the command tree: pipelines call `bbr version` often, and it should cost
        // no more than starting the JVM.
        if (isVersion(args)) {
            printVersion(out);
            return 0;
        }
        if (args.length > 0 && (args[0].equals("director") || args[0].equals("deployment"))) {
            Warmup.startInBackground();
        }
        CliContext context = new CliContext(new Terminal(out, err, workingDirectory, terminal),
                Clock.systemDefaultZone(), terminal ? LiveScreen.on(out) : Screen.plain(out));
        CommandLine root = CommandTree.build(context);
        try {
            return new Invocation(root, context.terminal(), Version.current()).run(args);
        } catch (Exception unexpected) {
            err.println(Failures.describe(unexpected));
            ErrorReport.writeStackTraces(List.of(unexpected), context.terminal(), context.clock(),
                    ArtifactPlaces.redactor());
            return 1;
        }
    }
}
