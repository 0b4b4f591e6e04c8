package bbr.cli;

import bbr.instance.Version;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point: builds the command tree and maps what happened to the process exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        int code = run(System.out, System.err, Path.of(System.getProperty("user.dir")), terminal, args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs bbr with {@code args}; the only place besides {@link #main} that knows about exit codes. */
    public static int run(PrintStream out, PrintStream err, Path workingDirectory, boolean colour, String... args) {
        CliContext context = new CliContext(new Terminal(out, err, workingDirectory, colour), Clock.systemDefaultZone());
        CommandLine root = CommandTree.build(context);
        root.setOut(new java.io.PrintWriter(out, true));
        root.setErr(new java.io.PrintWriter(err, true));
        root.setParameterExceptionHandler((exception, arguments) -> {
            out.println("Incorrect Usage: " + exception.getMessage());
            out.println();
            exception.getCommandLine().usage(out);
            return 1;
        });
        root.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            err.println(exception.getMessage() != null ? exception.getMessage() : exception.toString());
            ErrorReport.writeStackTraces(java.util.List.of(exception), context.terminal(), context.clock());
            return 1;
        });
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-v"))) {
            out.println("bbr version " + Version.current());
            return 0;
        }
        return root.execute(args);
    }
}
