package bbr.artifact.goyaml;

/** yaml.v2's character classes on UTF-8 bytes ({@code yamlprivateh.go}), for text already known to be valid UTF-8. */
final class Bytes {

    private Bytes() {
    }

    static int width(byte b) {
        int lead = b & 0xff;
        return lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
    }

    static int at(byte[] b, int i) {
        return i < b.length ? b[i] & 0xff : 0;
    }

    /** Printable as YAML allows, in yaml.v2's reckoning: it leaves out every character beyond U+FFFF. */
    static boolean isPrintable(byte[] b, int i) {
        int c = at(b, i);
        int next = at(b, i + 1);
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && next >= 0xA0) || (c > 0xC2 && c < 0xED)
                || (c == 0xED && next < 0xA0) || c == 0xEE
                || (c == 0xEF && !(next == 0xBB && at(b, i + 2) == 0xBF)
                && !(next == 0xBF && (at(b, i + 2) == 0xBE || at(b, i + 2) == 0xBF)));
    }

    static boolean isBreak(byte[] b, int i) {
        int c = at(b, i);
        return c == '\r' || c == '\n' || (c == 0xC2 && at(b, i + 1) == 0x85)
                || (c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9));
    }

    static boolean isBlank(byte[] b, int i) {
        int c = at(b, i);
        return c == ' ' || c == '\t';
    }

    /** {@code is_blankz}: blank, break, NUL or the end. */
    static boolean isBlankOrBreak(byte[] b, int i) {
        return i >= b.length || isBlank(b, i) || isBreak(b, i) || b[i] == 0;
    }

    /** {@code is_bom} looks at the start of the text whatever the position, as yaml.v2 does. */
    static boolean startsWithBom(byte[] b) {
        return at(b, 0) == 0xEF && at(b, 1) == 0xBB && at(b, 2) == 0xBF;
    }
}
