package bbr.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.artifact.store.Decoding;
import bbr.artifact.store.Encoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each encoding round-trips through our decoder and through the tools an operator has: Debian's {@code zstd} and
 * {@code age} read what we write, and we read what they write.
 */
class StoredEncodingTest {

    @TempDir
    Path dir;

    private AgeKeys keys;
    private byte[] data;

    @BeforeEach
    void setUp() throws Exception {
        keys = AgeKeys.generate(dir, "key");
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(", 'row ").append(random.nextInt(1000)).append("');\n");
        }
        data = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void zstdAndAgeTogether_roundTrip_andOpenWithAgeThenZstd() throws Exception {
        Encoding encoding = StoredEncoding.of(3, recipients());
        assertThat(encoding.name()).isEqualTo("zstd+age");
        assertThat(encoding.suffix()).isEqualTo(".zst.age");
        Path file = write(encoding, "a.tar.zst.age");

        assertThat(read(file, "zstd+age")).isEqualTo(data);
        assertThat(run("age -d -i " + keys.identityFile() + " " + file + " | zstd -d -c")).isEqualTo(data);
        assertThat(Files.size(file)).isLessThan(data.length / 3);
    }

    @Test
    void zstdAlone_isReadByTheZstdCli_andWeReadWhatTheCliWrites() throws Exception {
        Path file = write(StoredEncoding.of(19, null), "a.tar.zst");
        assertThat(run("zstd -d -c " + file)).isEqualTo(data);

        Path plain = Files.write(dir.resolve("plain"), data);
        run("zstd -q -T0 -3 " + plain + " -o " + dir.resolve("cli.zst"));
        assertThat(read(dir.resolve("cli.zst"), "zstd")).isEqualTo(data);
    }

    @Test
    void ageAlone_isReadByTheAgeCli_andWeReadWhatTheCliWrites() throws Exception {
        Path file = write(StoredEncoding.of(null, recipients()), "a.tar.age");
        assertThat(run("age -d -i " + keys.identityFile() + " " + file)).isEqualTo(data);

        Path plain = Files.write(dir.resolve("plain"), data);
        run("age -r " + keys.recipient() + " -o " + dir.resolve("cli.age") + " " + plain);
        assertThat(read(dir.resolve("cli.age"), "age")).isEqualTo(data);
    }

    @Test
    void severalRecipients_eachIdentityDecrypts() throws Exception {
        AgeKeys second = AgeKeys.generate(dir, "second");
        Path list = Files.writeString(dir.resolve("recipients.txt"), "# team keys\n\n" + keys.recipient() + "\n");
        Encoding encoding = StoredEncoding.of(null, AgeRecipients.parse(List.of(list.toString(), second.recipient()),
                dir));
        Path file = write(encoding, "a.tar.age");

        assertThat(run("age -d -i " + keys.identityFile() + " " + file)).isEqualTo(data);
        assertThat(run("age -d -i " + second.identityFile() + " " + file)).isEqualTo(data);
    }

    @Test
    void aWrongIdentity_isRefusedNamingTheFile() throws Exception {
        Path file = write(StoredEncoding.of(3, recipients()), "a.tar.zst.age");
        AgeKeys other = AgeKeys.generate(dir, "other");
        Decoding decoding = new StoredDecoding(AgeIdentities.read("other.txt", other.identityFile()));

        assertThatThrownBy(() -> decoding.decode(Files.newInputStream(file), "zstd+age", "/b/a.tar.zst.age"))
                .isInstanceOf(IOException.class).hasMessageContaining("/b/a.tar.zst.age")
                .hasMessageContaining("does not decrypt with the given --identity");
    }

    @Test
    void noIdentity_forAnEncryptedFile_saysWhichFlagIsNeeded() {
        assertThatThrownBy(() -> new StoredDecoding(null).decode(new ByteArrayInputStream(new byte[0]), "age", "F"))
                .hasMessage("F is encrypted: give the age identity of one of its recipients with --identity FILE"
                        + " (or $BBR_IDENTITY)");
    }

    @Test
    void compressLevelOutOfRange_namesTheFlag() {
        assertThatThrownBy(() -> StoredEncoding.of(0, null)).hasMessage("--compress-level 0: must be between 1 and 19");
        assertThatThrownBy(() -> StoredEncoding.of(99, null)).hasMessage("--compress-level 99: must be between 1 and 19");
        assertThat(StoredEncoding.of(null, null)).isSameAs(Encoding.PLAIN);
    }

    @Test
    void theManifest_isEncryptedButNeverCompressed() throws Exception {
        assertThat(StoredEncoding.of(3, recipients()).forManifest().name()).isEqualTo("age");
        assertThat(StoredEncoding.of(3, null).forManifest()).isSameAs(Encoding.PLAIN);
    }

    private AgeRecipients recipients() {
        return AgeRecipients.parse(List.of(keys.recipient()), dir);
    }

    private Path write(Encoding encoding, String name) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = encoding.encode(Files.newOutputStream(file))) {
            for (int i = 0; i < data.length; i += 10_000) {
                out.write(data, i, Math.min(10_000, data.length - i));
            }
        }
        return file;
    }

    private byte[] read(Path file, String encoding) throws IOException {
        Decoding decoding = new StoredDecoding(AgeIdentities.read("key.txt", keys.identityFile()));
        try (InputStream in = decoding.decode(Files.newInputStream(file), encoding, file.toString())) {
            return in.readAllBytes();
        }
    }

    static byte[] run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed: " + err);
        }
        return out.toByteArray();
    }
}
