package bbr.cli.help;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Go's flag package, which the original parses with, takes every flag with one dash or two ({@code -target},
 * {@code --target}, {@code --t}, {@code -t} alike); picocli knows each name only with the dashes it was declared
 * with. This rewrites the words in flag position to their declared spelling before picocli sees them, walking the
 * command tree as the words name subcommands, and leaves a flag's value alone whatever it looks like.
 */
public final class GoFlagNames {

    private GoFlagNames() {
    }

    public static String[] declared(CommandSpec root, String... words) {
        List<String> out = new ArrayList<>(words.length);
        CommandSpec spec = root;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.equals("--")) {
                out.addAll(List.of(words).subList(i, words.length));
                break;
            }
            if (GoFlagError.isFlag(word)) {
                int equals = word.indexOf('=');
                String name = bare(equals < 0 ? word : word.substring(0, equals));
                OptionSpec option = find(spec, name);
                if (option == null) {
                    out.add(word);
                    continue;
                }
                out.add(spelling(option, name) + (equals < 0 ? "" : word.substring(equals)));
                if (equals < 0 && option.arity().min() > 0 && i + 1 < words.length) {
                    out.add(words[++i]);
                }
                continue;
            }
            CommandLine subcommand = spec.subcommands().get(word);
            if (subcommand != null) {
                spec = subcommand.getCommandSpec();
            }
            out.add(word);
        }
        return out.toArray(String[]::new);
    }

    private static String bare(String flag) {
        return flag.startsWith("--") ? flag.substring(2) : flag.substring(1);
    }

    private static OptionSpec find(CommandSpec spec, String name) {
        if (name.isEmpty()) {
            return null;
        }
        OptionSpec option = spec.findOption("--" + name);
        return option != null ? option : spec.findOption("-" + name);
    }

    private static String spelling(OptionSpec option, String name) {
        for (String declared : option.names()) {
            if (bare(declared).equals(name)) {
                return declared;
            }
        }
        return option.longestName();
    }
}
