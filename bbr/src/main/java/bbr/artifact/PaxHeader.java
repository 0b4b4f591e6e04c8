package bbr.artifact;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the {@code path} record of a POSIX pax extended header ({@code "LEN path=VALUE\n"} records). */
final class PaxHeader {

    private PaxHeader() {
    }

    static Optional<String> path(byte[] records) {
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
            String record = new String(records, space + 1, position + length - space - 2, StandardCharsets.UTF_8);
            if (record.startsWith("path=")) {
                return Optional.of(record.substring("path=".length()));
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
