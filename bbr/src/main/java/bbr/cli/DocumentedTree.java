package bbr.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/**
 * The command tree operators use, for the shell completion and the man pages that the package build makes. Not on
 * {@link Main}: the launcher resolves every public method of the main class, and {@code bbr version} runs from a
 * jar without picocli.
 */
public final class DocumentedTree {

    private DocumentedTree() {
    }

    public static CommandLine build() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return CommandTree.build(new CliContext(new Terminal(nowhere, nowhere, Path.of("."), false), Clock.systemUTC(),
                Screen.plain(nowhere)));
    }
}
