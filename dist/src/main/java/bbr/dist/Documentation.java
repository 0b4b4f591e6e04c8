package bbr.dist;

import bbr.cli.DocumentedTree;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes what the package installs besides bbr itself, from bbr's own command tree so that they never drift from
 * it: the bash completion script ({@code bbr.bash}) and the man pages' AsciiDoc ({@code man/*.adoc}), which the
 * build turns into troff.
 */
public final class Documentation {

    private Documentation() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        CommandLine tree = DocumentedTree.build();
        Files.createDirectories(out.resolve("man"));
        Files.writeString(out.resolve("bbr.bash"), AutoComplete.bash("bbr", tree), StandardCharsets.UTF_8);
        int status = ManPageGenerator.generateManPage(out.resolve("man").toFile(), (File) null, new boolean[0], true,
                tree.getCommandSpec());
        if (status != 0) {
            throw new IllegalStateException("picocli's man page generator exited with " + status);
        }
    }
}
