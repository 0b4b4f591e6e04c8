package bbr.artifact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a file name's raw bytes into the text bbr records in metadata. Linux names are bytes, not text: valid
 * UTF-8 is kept as is, and any other byte is written {@code \xHH}, the same way for the tar and for the VM's
 * checksum list, so both sides agree even on names that are not UTF-8.
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

    /** For names a library decoded byte for byte as ISO-8859-1. */
    public static String canonicalLatin1(String bytesAsLatin1) {
        return canonical(bytesAsLatin1.getBytes(StandardCharsets.ISO_8859_1));
    }
}
