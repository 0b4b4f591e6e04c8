package bbr.artifact.goyaml;

/**
 * Go's {@code []rune(string)} of raw bytes: valid UTF-8 decodes as usual, and every byte that does not start a
 * valid sequence becomes one U+FFFD (Java's decoders may fold several such bytes into one, which would change
 * the key order).
 */
final class GoRunes {

    static final int ERROR = 0xFFFD;

    private GoRunes() {
    }

    static int[] of(byte[] bytes) {
        int[] runes = new int[bytes.length];
        int count = 0;
        for (int i = 0; i < bytes.length; ) {
            int width = validWidth(bytes, i);
            runes[count++] = width == 0 ? ERROR : decode(bytes, i, width);
            i += width == 0 ? 1 : width;
        }
        return count == runes.length ? runes : java.util.Arrays.copyOf(runes, count);
    }

    /** True when every byte belongs to a valid UTF-8 sequence ({@code utf8.ValidString}). */
    static boolean isValidUtf8(byte[] bytes) {
        for (int i = 0; i < bytes.length; ) {
            int width = validWidth(bytes, i);
            if (width == 0) {
                return false;
            }
            i += width;
        }
        return true;
    }

    /** The width of the valid sequence starting at {@code i}, or 0 (overlong, surrogate, beyond U+10FFFF, cut). */
    static int validWidth(byte[] b, int i) {
        int lead = b[i] & 0xff;
        if (lead < 0x80) {
            return 1;
        }
        int width;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            width = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            width = 3;
            if (lead == 0xE0) {
                low = 0xA0;
            } else if (lead == 0xED) {
                high = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            width = 4;
            if (lead == 0xF0) {
                low = 0x90;
            } else if (lead == 0xF4) {
                high = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + width > b.length) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < width; k++) {
            int next = b[i + k] & 0xff;
            if (next < 0x80 || next > 0xBF) {
                return 0;
            }
        }
        return width;
    }

    private static int decode(byte[] b, int i, int width) {
        int lead = b[i] & 0xff;
        int rune = width == 1 ? lead : width == 2 ? lead & 0x1F : width == 3 ? lead & 0x0F : lead & 0x07;
        for (int k = 1; k < width; k++) {
            rune = (rune << 6) | (b[i + k] & 0x3F);
        }
        return rune;
    }
}
