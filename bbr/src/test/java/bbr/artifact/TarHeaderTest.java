package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarHeaderTest {

    @TempDir
    Path dir;

    /** Every header GNU tar writes, in each of its formats, reads as commons-compress reads it. */
    @Test
    void readsEveryHeaderOfGnuTarsFormats_asCommonsCompressDoes() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        // 90 + 1 + 60 characters: too long for the name field alone, so ustar splits it into prefix and name
        Path deep = Files.createDirectories(data.resolve("p".repeat(90)));
        Files.writeString(deep.resolve("n".repeat(60)), "split");
        Files.writeString(data.resolve("with space"), "space");
        Files.write(data.resolve(new String(new byte[] {'l', 'a', 't', (byte) 0xe9}, StandardCharsets.ISO_8859_1)),
                new byte[] {1});
        Files.writeString(data.resolve("original"), "linked");
        Files.createLink(data.resolve("hardlink"), data.resolve("original"));
        Files.createSymbolicLink(data.resolve("symlink"), Path.of("original"));
        Files.createDirectories(data.resolve("empty-dir"));
        Files.write(data.resolve("big-ish"), new byte[70_000]);
        int compared = 0;
        for (String format : List.of("gnu", "oldgnu", "posix", "ustar", "v7")) {
            Path source = data;
            if (format.equals("v7")) { // v7 names are at most 99 bytes
                source = Files.createDirectories(dir.resolve("short"));
                Files.writeString(source.resolve("file"), "v7");
                Files.createDirectories(source.resolve("sub"));
            }
            for (byte[] header : headers(TarChecksummerTest.tar(source, format))) {
                assertSameAsCommonsCompress(header, format);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(40);
    }

    @Test
    void aPrefixedUstarName_isThePrefixSlashTheName() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("p".repeat(90)));
        Files.writeString(deep.resolve("n".repeat(60)), "split");
        byte[] split = headers(TarChecksummerTest.tar(dir, "ustar")).stream()
                .filter(h -> h[345] != 0 && h[156] == '0').findFirst().orElseThrow();

        assertThat(new String(TarHeader.parse(split).name(), StandardCharsets.ISO_8859_1))
                .isEqualTo("./" + "p".repeat(90) + "/" + "n".repeat(60));
    }

    @Test
    void aBase256Size_isLeftToCommonsCompress_andReadTheSame() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        byte[] header = headers(TarChecksummerTest.tar(dir, "gnu")).stream().filter(h -> h[156] == '0')
                .findFirst().orElseThrow();
        Arrays.fill(header, 124, 136, (byte) 0);
        header[124] = (byte) 0x80;
        header[131] = 0x01; // 2^32, big-endian over the field's last 11 bytes: past what 11 octal digits hold
        rewriteChecksum(header);

        assertThat(TarHeader.parse(header).size()).isEqualTo(1L << 32);
        assertSameAsCommonsCompress(header, "gnu, base-256 size");
    }

    @Test
    void aHeaderWhoseChecksumIsWrong_isRefused() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        byte[] header = headers(TarChecksummerTest.tar(dir, "gnu")).get(0);
        header[0] ^= 1;

        assertThatThrownBy(() -> TarHeader.parse(header)).hasMessageContaining("not a tar stream: header checksum");
    }

    @Test
    void aSizeThatIsNotOctal_isRefused_namingTheField() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        byte[] header = headers(TarChecksummerTest.tar(dir, "gnu")).stream().filter(h -> h[156] == '0')
                .findFirst().orElseThrow();
        header[130] = '9';
        rewriteChecksum(header);

        assertThatThrownBy(() -> TarHeader.parse(header))
                .hasMessage("not a tar stream: a header's size field is not an octal number");
    }

    @Test
    void oldTarsTypeZeroWithATrailingSlash_isADirectory() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        byte[] header = headers(TarChecksummerTest.tar(dir, "gnu")).stream().filter(h -> h[156] == '0')
                .findFirst().orElseThrow();
        header[156] = 0;
        assertThat(TarHeader.parse(rewriteChecksum(header)).isFile()).isTrue();
        byte[] name = "./dir/".getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(header, 0, 100, (byte) 0);
        System.arraycopy(name, 0, header, 0, name.length);

        assertThat(TarHeader.parse(rewriteChecksum(header)).isFile()).isFalse();
    }

    private static void assertSameAsCommonsCompress(byte[] header, String format) throws Exception {
        TarHeader fast = TarHeader.parse(header);
        TarHeader decoded = TarHeader.decoded(header);
        String what = format + " header of " + new String(decoded.name(), StandardCharsets.ISO_8859_1);
        assertThat(fast.name()).as(what).isEqualTo(decoded.name());
        assertThat(fast.type()).as(what).isEqualTo(decoded.type());
        assertThat(fast.size()).as(what).isEqualTo(decoded.size());
        assertThat(fast.linkName()).as(what).isEqualTo(decoded.linkName());
    }

    /** The headers of a tar, skipping each member's data and the end-of-archive zeros. */
    private static List<byte[]> headers(byte[] tar) throws Exception {
        List<byte[]> headers = new ArrayList<>();
        for (int at = 0; at + 512 <= tar.length; ) {
            byte[] header = Arrays.copyOfRange(tar, at, at + 512);
            at += 512;
            boolean zeros = true;
            for (byte b : header) {
                zeros &= b == 0;
            }
            if (!zeros) {
                headers.add(header);
                at += (int) ((TarHeader.decoded(header).size() + 511) / 512 * 512);
            }
        }
        return headers;
    }

    private static byte[] rewriteChecksum(byte[] header) {
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, header, 148, 8);
        return header;
    }
}
