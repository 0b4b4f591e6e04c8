package bbr.artifact;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the {@code path} record of a POSIX pax extended header ({@code "LEN path=VALUE\n"} records). */
final class PaxHeader {

    private PaxHeader() {
    }

    /** The raw bytes of the path record (pax says UTF-8, but GNU tar stores other names as binary). */
    static Optional<byte[]> path(byte[] records) {
        int position = 0;
        while (position < records.length) {
            int space = indexOf(records, (byte) ' ', position);
            if (space < 0) {
                break;
            }
            int length;
            try {
                length = Integer.parseInt(new String(records, position, space - position, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                break;
            }
            if (length <= 0 || position + length > records.length) {
                break;
            }
            byte[] key = "path=".getBytes(StandardCharsets.US_ASCII);
            int start = space + 1;
            int end = position + length - 1; // the record ends with a newline
            if (end - start >= key.length && java.util.Arrays.equals(records, start, start + key.length, key, 0,
                    key.length)) {
                return Optional.of(java.util.Arrays.copyOfRange(records, start + key.length, end));
            }
            position += length;
        }
        return Optional.empty();
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
