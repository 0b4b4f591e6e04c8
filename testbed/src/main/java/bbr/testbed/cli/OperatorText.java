package bbr.testbed.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What no operator may see on bbr's terminal, checked on the stderr of every bbr run of the integration tests: a
 * Java class name, an exception's type, an array's {@code [B@…}, a stack frame. Stack traces belong in
 * {@code bbr-<time>.err.log}.
 */
public final class OperatorText {

    private static final Pattern LEAK = Pattern.compile(
            "\\bjava[x]?\\.[a-z]+\\.|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b|\\[[BCIJSZ]@[0-9a-f]+|\\n\\s*at [\\w.$]+\\(");

    private OperatorText() {
    }

    /** @throws AssertionError naming what leaked, with the whole run for context */
    public static void check(String text, Object context) {
        Matcher leak = LEAK.matcher(text);
        if (leak.find()) {
            throw new AssertionError("bbr printed '" + leak.group() + "', which no operator should see:\\n" + context);
        }
    }
}
