package bbr.artifact.goyaml;

import java.io.IOException;

/**
 * yaml.v2's four scalar writers ({@code yaml_emitter_write_*_scalar}): where they fold a long line, what they
 * escape, and the block indicators of a literal. {@code allowBreaks} is false for a simple key, which never folds.
 */
final class ScalarWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final GoYamlEmitter e;
    private final boolean allowBreaks;

    ScalarWriter(GoYamlEmitter emitter, boolean allowBreaks) {
        this.e = emitter;
        this.allowBreaks = allowBreaks;
    }

    void plain(byte[] value) throws IOException {
        if (!e.whitespace()) {
            e.put(' ');
        }
        if (!hasSpaceOrBreak(value)) {
            e.writeAll(value); // nothing to fold or break: the common case of names and digests, at once
        } else {
            lines(value, false);
        }
        e.whitespace(false);
        e.indention(false);
    }

    void singleQuoted(byte[] value) throws IOException {
        e.writeIndicator("'", true, false, false);
        lines(value, true);
        e.writeIndicator("'", false, false, false);
        e.whitespace(false);
        e.indention(false);
    }

    /**
     * The shared body of yaml.v2's plain and single-quoted writers: a fold at a single space past the width, line
     * breaks written out (a first LF twice), and in quotes a doubled quote and no fold at either end.
     */
    private void lines(byte[] value, boolean quoted) throws IOException {
        boolean spaces = false;
        boolean breaks = false;
        for (int i = 0; i < value.length; ) {
            if (value[i] == ' ') {
                boolean inside = !quoted || (i > 0 && i < value.length - 1);
                if (allowBreaks && !spaces && e.column() > e.bestWidth() && inside && Bytes.at(value, i + 1) != ' ') {
                    e.writeIndent();
                    i++;
                } else {
                    i = e.write(value, i);
                }
                spaces = true;
            } else if (Bytes.isBreak(value, i)) {
                if (!breaks && value[i] == '\n') {
                    e.putBreak();
                }
                i = e.writeBreak(value, i);
                e.indention(true);
                breaks = true;
            } else {
                if (breaks) {
                    e.writeIndent();
                }
                if (quoted && value[i] == '\'') {
                    e.put('\'');
                }
                i = e.write(value, i);
                e.indention(false);
                spaces = false;
                breaks = false;
            }
        }
    }

    private static boolean hasSpaceOrBreak(byte[] value) {
        for (int i = 0; i < value.length; i++) {
            int c = value[i] & 0xff;
            if (c == ' ' || c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2) {
                return true; // 0xC2 and 0xE2 may start NEL, LS or PS: let the full loop decide
            }
        }
        return false;
    }

    void doubleQuoted(byte[] value) throws IOException {
        boolean spaces = false;
        e.writeIndicator("\"", true, false, false);
        boolean bom = Bytes.startsWithBom(value);
        for (int i = 0; i < value.length; ) {
            int c = value[i] & 0xff;
            if (!Bytes.isPrintable(value, i) || bom || Bytes.isBreak(value, i) || c == '"' || c == '\\') {
                int width = Bytes.width(value[i]);
                int rune = width == 1 ? c : width == 2 ? c & 0x1F : width == 3 ? c & 0x0F : c & 0x07;
                for (int k = 1; k < width; k++) {
                    rune = (rune << 6) | (value[i + k] & 0x3F);
                }
                i += width;
                e.put('\\');
                escape(rune);
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && e.column() > e.bestWidth() && i > 0 && i < value.length - 1) {
                    e.writeIndent();
                    if (Bytes.at(value, i + 1) == ' ') {
                        e.put('\\');
                    }
                    i++;
                } else {
                    i = e.write(value, i);
                }
                spaces = true;
            } else {
                i = e.write(value, i);
                spaces = false;
            }
        }
        e.writeIndicator("\"", false, false, false);
        e.whitespace(false);
        e.indention(false);
    }

    private void escape(int rune) throws IOException {
        char named = switch (rune) {
            case 0x00 -> '0';
            case 0x07 -> 'a';
            case 0x08 -> 'b';
            case 0x09 -> 't';
            case 0x0A -> 'n';
            case 0x0B -> 'v';
            case 0x0C -> 'f';
            case 0x0D -> 'r';
            case 0x1B -> 'e';
            case 0x22 -> '"';
            case 0x5C -> '\\';
            case 0x85 -> 'N';
            case 0xA0 -> '_';
            case 0x2028 -> 'L';
            case 0x2029 -> 'P';
            default -> 0;
        };
        if (named != 0) {
            e.put(named);
            return;
        }
        int digits = rune <= 0xFF ? 2 : rune <= 0xFFFF ? 4 : 8;
        e.put(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            e.put((char) HEX[(rune >> shift) & 0x0F]);
        }
    }

    void literal(byte[] value) throws IOException {
        e.writeIndicator("|", true, false, false);
        blockHints(value);
        e.putBreak();
        e.indention(true);
        e.whitespace(true);
        boolean breaks = true;
        for (int i = 0; i < value.length; ) {
            if (Bytes.isBreak(value, i)) {
                i = e.writeBreak(value, i);
                e.indention(true);
                breaks = true;
            } else {
                if (breaks) {
                    e.writeIndent();
                }
                i = e.write(value, i);
                e.indention(false);
                breaks = false;
            }
        }
    }

    /** The indentation hint for text starting with a space or break, and the chomping indicator. */
    private void blockHints(byte[] value) throws IOException {
        if (value.length > 0 && (value[0] == ' ' || Bytes.isBreak(value, 0))) {
            e.writeIndicator(Integer.toString(e.bestIndent()), false, false, false);
        }
        String chomp = "";
        if (value.length == 0) {
            chomp = "-";
        } else {
            int i = value.length - 1;
            while ((value[i] & 0xC0) == 0x80) {
                i--;
            }
            if (!Bytes.isBreak(value, i)) {
                chomp = "-";
            } else if (i == 0) {
                chomp = "+";
            } else {
                i--;
                while ((value[i] & 0xC0) == 0x80) {
                    i--;
                }
                if (Bytes.isBreak(value, i)) {
                    chomp = "+";
                }
            }
        }
        if (!chomp.isEmpty()) {
            e.writeIndicator(chomp, false, false, false);
        }
    }
}
