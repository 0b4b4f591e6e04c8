package bbr.cli.help;

import java.util.ArrayList;
import java.util.List;

/**
 * Two-column rows aligned as Go's {@code text/tabwriter} does in urfave/cli's help (minimum width 1, padding 2,
 * spaces): the first column is as wide as its widest cell plus two, across every row of the block.
 */
final class TabColumns {

    private static final int PADDING = 2;

    private final List<String[]> rows = new ArrayList<>();

    /** Adds a row; {@code cell} includes the row's indent, as in the templates. */
    TabColumns row(String cell, String rest) {
        rows.add(new String[] {cell, rest});
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Each row on its own line, every line ending in a newline. */
    String render() {
        int width = rows.stream().mapToInt(row -> row[0].codePointCount(0, row[0].length())).max().orElse(0)
                + PADDING;
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            int length = row[0].codePointCount(0, row[0].length());
            text.append(row[0]).append(" ".repeat(width - length)).append(row[1]).append('\n');
        }
        return text.toString();
    }
}
