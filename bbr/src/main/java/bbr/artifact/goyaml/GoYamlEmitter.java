package bbr.artifact.goyaml;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes block-style YAML byte for byte as yaml.v2 v2.4.0 does ({@code emitterc.go}: indent 2, sequences in a
 * mapping not indented, lines folded past column 80 where a scalar may break, keys over 128 bytes or over several
 * lines written as {@code ? key} / {@code : value}), one event at a time so that a document of any size streams
 * through. The caller states the structure: {@code mapping()}, {@code key(k)} then the value, {@code end()}.
 */
public final class GoYamlEmitter {

    private static final int BEST_INDENT = 2;
    private static final int BEST_WIDTH = 80;
    private static final int MAX_SIMPLE_KEY = 128;

    private final OutputStream out;
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int indent = -1;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    /** The next node is the value of a mapping (as opposed to the document root or a sequence item). */
    private boolean mappingContext;
    private boolean simpleKey;
    private boolean simpleKeyPending;

    public GoYamlEmitter(OutputStream out) {
        this.out = out;
    }

    /** Starts a non-empty block mapping as the next node. */
    public void mapping() {
        push(indent < 0 ? 0 : indent + BEST_INDENT);
        mappingContext = true;
    }

    /** Starts a non-empty block sequence as the next node. */
    public void sequence() {
        boolean indentless = mappingContext && !indention;
        push(indent < 0 ? 0 : indentless ? indent : indent + BEST_INDENT);
    }

    /** Ends the innermost mapping or sequence. */
    public void end() {
        indent = indents.pop();
        mappingContext = true;
    }

    /** Starts the next sequence item. */
    public void item() throws IOException {
        writeIndent();
        writeIndicator("-", true, false, true);
        mappingContext = false;
    }

    /** Writes a mapping key; its value follows. */
    public void key(GoScalar key) throws IOException {
        writeIndent();
        ScalarAnalysis analysis = ScalarAnalysis.of(key.value());
        int length = key.value().length + (key.binary() ? "!!binary".length() : 0);
        simpleKeyPending = !analysis.multiline() && length <= MAX_SIMPLE_KEY;
        if (!simpleKeyPending) {
            writeIndicator("?", true, false, true);
        }
        simpleKey = simpleKeyPending;
        scalarNode(key, analysis);
        simpleKey = false;
        if (simpleKeyPending) {
            writeIndicator(":", false, false, false);
        } else {
            writeIndent();
            writeIndicator(":", true, false, true);
        }
        mappingContext = true;
    }

    /** Writes a scalar as the next node. */
    public void scalar(GoScalar scalar) throws IOException {
        scalarNode(scalar, ScalarAnalysis.of(scalar.value()));
    }

    /** Writes {@code {}} as the next node. */
    public void emptyMapping() throws IOException {
        writeIndicator("{", true, true, false);
        writeIndicator("}", false, false, false);
    }

    /** Writes {@code []} as the next node. */
    public void emptySequence() throws IOException {
        writeIndicator("[", true, true, false);
        writeIndicator("]", false, false, false);
    }

    /** Ends the document: its last line break. */
    public void finish() throws IOException {
        writeIndent();
        out.flush();
    }

    private void scalarNode(GoScalar scalar, ScalarAnalysis analysis) throws IOException {
        GoScalar.Style style = style(scalar, analysis);
        if (scalar.binary()) {
            if (!whitespace) {
                put(' ');
            }
            writeRaw("!!binary");
            whitespace = false;
            indention = false;
        }
        push(indent < 0 ? BEST_INDENT : indent + BEST_INDENT);
        ScalarWriter writer = new ScalarWriter(this, !simpleKey);
        switch (style) {
            case PLAIN -> writer.plain(scalar.value());
            case SINGLE_QUOTED -> writer.singleQuoted(scalar.value());
            case DOUBLE_QUOTED -> writer.doubleQuoted(scalar.value());
            case LITERAL -> writer.literal(scalar.value());
            default -> throw new IllegalStateException(style.toString());
        }
        indent = indents.pop();
    }

    /** {@code yaml_emitter_select_scalar_style}, in block context. */
    private GoScalar.Style style(GoScalar scalar, ScalarAnalysis analysis) {
        GoScalar.Style style = scalar.requested();
        if (simpleKey && analysis.multiline()) {
            style = GoScalar.Style.DOUBLE_QUOTED;
        }
        if (style == GoScalar.Style.PLAIN && (!analysis.blockPlainAllowed()
                || (scalar.value().length == 0 && simpleKey))) {
            style = GoScalar.Style.SINGLE_QUOTED;
        }
        if (style == GoScalar.Style.SINGLE_QUOTED && !analysis.singleQuotedAllowed()) {
            style = GoScalar.Style.DOUBLE_QUOTED;
        }
        if (style == GoScalar.Style.LITERAL && (!analysis.blockAllowed() || simpleKey)) {
            style = GoScalar.Style.DOUBLE_QUOTED;
        }
        return style;
    }

    private void push(int next) {
        indents.push(indent);
        indent = next;
    }

    // --- the emitter's output primitives, with its column and whitespace bookkeeping ---

    int indent() {
        return indent;
    }

    int column() {
        return column;
    }

    boolean whitespace() {
        return whitespace;
    }

    void whitespace(boolean value) {
        whitespace = value;
    }

    void indention(boolean value) {
        indention = value;
    }

    int bestWidth() {
        return BEST_WIDTH;
    }

    int bestIndent() {
        return BEST_INDENT;
    }

    void put(char c) throws IOException {
        out.write(c);
        column++;
    }

    void putBreak() throws IOException {
        out.write('\n');
        column = 0;
    }

    /** Copies the character at {@code i}; returns the index after it. */
    int write(byte[] value, int i) throws IOException {
        int width = Bytes.width(value[i]);
        out.write(value, i, width);
        column++;
        return i + width;
    }

    /** Copies text holding no line break: one column per character. */
    void writeAll(byte[] value) throws IOException {
        out.write(value);
        for (byte b : value) {
            if ((b & 0xC0) != 0x80) {
                column++;
            }
        }
    }

    int writeBreak(byte[] value, int i) throws IOException {
        if (value[i] == '\n') {
            putBreak();
            return i + 1;
        }
        int next = write(value, i);
        column = 0;
        return next;
    }

    void writeIndent() throws IOException {
        int target = Math.max(indent, 0);
        if (!indention || column > target || (column == target && !whitespace)) {
            putBreak();
        }
        while (column < target) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention)
            throws IOException {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        writeRaw(indicator);
        whitespace = isWhitespace;
        indention = indention && isIndention;
    }

    private void writeRaw(String ascii) throws IOException {
        for (int i = 0; i < ascii.length(); i++) {
            put(ascii.charAt(i));
        }
    }

    boolean indention() {
        return indention;
    }
}
