package bbr.artifact.goyaml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One scalar as yaml.v2's encoder hands it to its emitter: the text, whether it carries the {@code !!binary} tag,
 * and the style asked for. A Go string that is not valid UTF-8 (a file name is bytes) becomes {@code !!binary}
 * base64 in lines of 70; one holding a newline asks for a literal block; one that would read back as another type
 * asks for double quotes; the emitter may still pick another style for what the text holds.
 *
 * @param value     the UTF-8 text to write
 * @param binary    whether the scalar is tagged {@code !!binary}
 * @param requested the style the encoder asks for
 */
public record GoScalar(byte[] value, boolean binary, Style requested) {

    /** The scalar styles of the emitter. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL }

    private static final int BASE64_LINE = 70;

    /** A Go string given as its raw bytes ({@code encoder.stringv}). */
    public static GoScalar ofBytes(byte[] raw) {
        if (!GoRunes.isValidUtf8(raw)) {
            byte[] base64 = base64Lines(raw);
            return new GoScalar(base64, true, contains(base64, (byte) '\n') ? Style.LITERAL : Style.PLAIN);
        }
        boolean plain = !GoResolver.mayResolve(raw) || !GoResolver.needsQuotes(new String(raw,
                StandardCharsets.UTF_8));
        Style style = contains(raw, (byte) '\n') ? Style.LITERAL : plain ? Style.PLAIN : Style.DOUBLE_QUOTED;
        return new GoScalar(raw, false, style);
    }

    public static GoScalar of(String text) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A Go {@code int} ({@code encoder.intv}). */
    public static GoScalar ofInt(long value) {
        return new GoScalar(Long.toString(value).getBytes(StandardCharsets.US_ASCII), false, Style.PLAIN);
    }

    /** A Go {@code bool} ({@code encoder.boolv}). */
    public static GoScalar ofBool(boolean value) {
        return new GoScalar(Boolean.toString(value).getBytes(StandardCharsets.US_ASCII), false, Style.PLAIN);
    }

    /** yaml.v2's {@code encodeBase64}: lines of 70, each ended by a newline once there is more than one line. */
    private static byte[] base64Lines(byte[] raw) {
        byte[] encoded = Base64.getEncoder().encode(raw);
        int lines = encoded.length / BASE64_LINE + 1;
        if (lines == 1) {
            return encoded;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(encoded.length + lines);
        for (int i = 0; i < encoded.length; i += BASE64_LINE) {
            out.write(encoded, i, Math.min(BASE64_LINE, encoded.length - i));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static boolean contains(byte[] bytes, byte wanted) {
        for (byte b : bytes) {
            if (b == wanted) {
                return true;
            }
        }
        return false;
    }
}
