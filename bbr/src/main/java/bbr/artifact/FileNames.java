package bbr.artifact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Shows a file name's raw bytes in messages. Linux names are bytes, not text: valid UTF-8 is shown as is, and any
 * other byte as {@code \xHH}. Checksums themselves are kept and compared as the raw bytes, and written to the
 * metadata as yaml.v2 writes such names ({@code !!binary}).
 */
public final class FileNames {

    private FileNames() {
    }

    public static String canonical(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder text = new StringBuilder();
            for (byte b : raw) {
                if (b >= 0) {
                    text.append((char) b);
                } else {
                    text.append(String.format("\\x%02X", b & 0xff));
                }
            }
            return text.toString();
        }
    }
}
