package bbr.cli.help;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What Go's {@code flag} package says about a command line picocli refused, which urfave/cli prints after
 * "Incorrect Usage": Go names a flag with one dash, however many the operator typed.
 */
public final class GoFlagError {

    private GoFlagError() {
    }

    /** The first word picocli could not match, or null when the failure was something else. */
    public static String unmatchedWord(CommandLine.ParameterException failure) {
        if (failure instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched.getUnmatched().get(0);
        }
        return null;
    }

    /** Whether {@code word} is in a flag's place (Go: starts with "-" and is not "-" alone). */
    public static boolean isFlag(String word) {
        return word.length() > 1 && word.startsWith("-");
    }

    /**
     * Go's message for {@code failure}; {@code args} are the words of the command line, whose last word is the
     * flag that lacks its value when picocli reports a missing parameter.
     */
    public static String describe(CommandLine.ParameterException failure, List<String> args, boolean helpDefined) {
        String word = unmatchedWord(failure);
        if (word != null) {
            String name = name(word);
            if (!helpDefined && (name.equals("h") || name.equals("help"))) {
                return "flag: help requested";
            }
            return "flag provided but not defined: -" + name;
        }
        if (failure instanceof CommandLine.MissingParameterException && !args.isEmpty()) {
            return "flag needs an argument: -" + name(args.get(args.size() - 1));
        }
        ArgSpec spec = failure.getArgSpec();
        if (spec instanceof OptionSpec option && (option.type() == boolean.class || option.type() == Boolean.class)) {
            return "invalid boolean value \"" + failure.getValue() + "\" for -" + name(option.longestName())
                    + ": parse error";
        }
        return failure.getMessage();
    }

    /** "--target=x" and "-target" both name "target". */
    public static String name(String word) {
        String name = word.startsWith("--") ? word.substring(2) : word.substring(1);
        int equals = name.indexOf('=');
        return equals < 0 ? name : name.substring(0, equals);
    }
}
