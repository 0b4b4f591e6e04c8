package bbr.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Tar member names of the shapes that tell YAML writers apart: a blobstore's two-hex-digit directories, numbers of
 * several lengths and leading zeros, mixed case, non-ASCII letters and digits, characters beyond U+FFFF, bytes that
 * are not UTF-8, names past 128 bytes (yaml.v2's longest simple key) and past 80 columns with spaces (it folds
 * those), newlines, tabs, quotes, YAML indicators, and words YAML reads as other types.
 */
public final class NameShapes {

    private static final String[] WORDS = {"yes", "No", "null", "~", "true", "1e5", "0x1F", "017", "1_000", ".5",
            "2024-01-02", "1:20", "-", "? x", ": y", "# z", "a: b", "a #b", "'q'", "\"dq\"", "@at", "`tick`", "%pct",
            "!bang", "&amp", "*star", "|pipe", ">gt", "[x]", "{y}", "a,b", "---", "...", " lead", "trail ", "tab\tin",
            "new\nline", "cr\rhere", "bs\\", "ünïcödé", "日本語", "٣٤", "１２", "😀", "\uFEFFbom", "nel\u0085x",
            "ls\u2028x", "nbsp\u00A0x", "del\u007Fx", "bell\u0007"};

    private final Random random;

    public NameShapes(long seed) {
        random = new Random(seed);
    }

    /** A set of distinct names, each starting {@code ./} as tar names do. */
    public List<byte[]> set(int size) {
        Set<String> seen = new LinkedHashSet<>();
        List<byte[]> names = new ArrayList<>();
        while (names.size() < size) {
            byte[] name = name();
            if (seen.add(java.util.HexFormat.of().formatHex(name))) {
                names.add(name);
            }
        }
        return names;
    }

    byte[] name() {
        StringBuilder text = new StringBuilder("./");
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                text.append('/');
            }
            text.append(part());
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(12) == 0) {
            return withInvalidUtf8(bytes);
        }
        return bytes;
    }

    private String part() {
        return switch (random.nextInt(9)) {
            case 0 -> String.format("%02x", random.nextInt(256));
            case 1 -> "file" + "0".repeat(random.nextInt(3)) + random.nextInt(1000);
            case 2 -> WORDS[random.nextInt(WORDS.length)];
            case 3 -> mixedCase();
            case 4 -> "long name with spaces ".repeat(1 + random.nextInt(8)).strip();
            case 5 -> "x".repeat(100 + random.nextInt(60));
            case 6 -> "v" + random.nextInt(20) + (char) ('a' + random.nextInt(3)) + random.nextInt(20);
            case 7 -> WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
            default -> Integer.toString(random.nextInt(100000));
        };
    }

    private String mixedCase() {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            char c = (char) ('a' + random.nextInt(26));
            s.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return s.toString();
    }

    private byte[] withInvalidUtf8(byte[] bytes) {
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(60));
        for (int i = bytes.length; i < bad.length; i++) {
            bad[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : 'a' + random.nextInt(26));
        }
        return bad;
    }
}
