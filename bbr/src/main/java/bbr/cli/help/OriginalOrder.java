package bbr.cli.help;

import java.util.Comparator;
import java.util.List;

/**
 * The order in which the original lists its commands and flags. Help shows the original's entries first, in that
 * order, and every entry of ours after them, in the order the command tree declares them; so a new flag or command
 * needs no change here.
 */
public final class OriginalOrder {

    /** Top-level commands, then the modes' subcommands, as the original's command tree declares them. */
    static final List<String> COMMANDS = List.of("deployment", "director", "help", "version",
            "pre-backup-check", "backup", "restore", "backup-cleanup", "restore-cleanup");

    /** The app help's fixed SUBCOMMANDS list, in its template's order (not the order of the commands). */
    static final List<String> SUBCOMMAND_LIST = List.of("backup", "backup-cleanup", "restore", "restore-cleanup",
            "pre-backup-check");

    /** Every flag of the original by its long name; each command's flags are a subsequence of this list. */
    static final List<String> FLAGS = List.of("--host", "--target", "--username", "--password", "--private-key-path",
            "--deployment", "--ca-cert", "--debug", "--all-deployments", "--with-manifest", "--artifact-path",
            "--unsafe-lock-free", "--help", "--version");

    private OriginalOrder() {
    }

    public static boolean isOriginalFlag(String longName) {
        return FLAGS.contains(longName);
    }

    public static boolean isOriginalCommand(String name) {
        return COMMANDS.contains(name);
    }

    /** Orders by position in {@code original}; names not in it keep their relative order after every one that is. */
    static <T> Comparator<T> by(List<String> original, java.util.function.Function<T, String> name) {
        return Comparator.comparingInt(item -> {
            int index = original.indexOf(name.apply(item));
            return index < 0 ? Integer.MAX_VALUE : index;
        });
    }
}
