package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshKeysTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} written by ssh-keygen -m {1} ({2})")
    @CsvSource({
            "rsa,     ,        BEGIN OPENSSH PRIVATE KEY, ssh-rsa",
            "rsa,     PEM,     BEGIN RSA PRIVATE KEY,     ssh-rsa",
            "rsa,     PKCS8,   BEGIN PRIVATE KEY,         ssh-rsa",
            "rsa,     RFC4716, BEGIN OPENSSH PRIVATE KEY, ssh-rsa",
            "ecdsa,   ,        BEGIN OPENSSH PRIVATE KEY, ecdsa-sha2-nistp256",
            "ecdsa,   PEM,     BEGIN EC PRIVATE KEY,      ecdsa-sha2-nistp256",
            "ecdsa,   PKCS8,   BEGIN PRIVATE KEY,         ecdsa-sha2-nistp256",
            "ed25519, ,        BEGIN OPENSSH PRIVATE KEY, ssh-ed25519",
            "ed25519, RFC4716, BEGIN OPENSSH PRIVATE KEY, ssh-ed25519",
    })
    void load_readsEveryKeyTypeAndFormat_withItsMatchingPublicKey(String type, String format, String header,
            String sshType) throws Exception {
        Path file = KeyFiles.generate(dir.resolve("id_" + type), type, format, "");
        assertThat(Files.readString(file)).contains(header);

        KeyPair key = SshKeys.load(file);

        assertThat(KeyUtils.getKeyType(key)).isEqualTo(sshType);
        assertThat(KeyUtils.compareKeys(key.getPublic(), publicKeyOf(file))).isTrue();
    }

    @Test
    void load_readsPkcs8Ed25519_asOpenSslWritesIt() throws Exception {
        Path file = dir.resolve("ed25519.pem");
        Process openssl = new ProcessBuilder("openssl", "genpkey", "-algorithm", "ed25519", "-out", file.toString())
                .redirectErrorStream(true).start();
        assertThat(openssl.waitFor()).isZero();
        assertThat(Files.readString(file)).contains("BEGIN PRIVATE KEY");

        KeyPair key = SshKeys.load(file);

        assertThat(KeyUtils.getKeyType(key)).isEqualTo("ssh-ed25519");
        assertThat(key.getPublic()).isNotNull();
    }

    @ParameterizedTest(name = "{0} -m {1}")
    @CsvSource({"rsa, ", "rsa, PEM", "rsa, PKCS8", "ed25519, "})
    void load_refusesPassphraseProtectedKey_withClearMessage(String type, String format) throws Exception {
        Path file = KeyFiles.generate(dir.resolve("id_locked"), type, format, "secret passphrase");

        assertThatThrownBy(() -> SshKeys.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("protected by a passphrase");
    }

    @Test
    void load_refusesGarbage_namingThePathButNotTheContent() throws Exception {
        Path file = dir.resolve("garbage");
        Files.writeString(file, "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0IHN0dWZm\n-----END OPENSSH PRIVATE KEY-----\n");

        assertThatThrownBy(() -> SshKeys.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not a private key")
                .hasMessageNotContaining("c2VjcmV0IHN0dWZm");
    }

    @Test
    void load_refusesPublicKeyFile() throws Exception {
        Path file = KeyFiles.generate(dir.resolve("id_rsa"), "rsa");

        assertThatThrownBy(() -> SshKeys.load(Path.of(file + ".pub")))
                .hasMessageContaining(file + ".pub")
                .hasMessageContaining("is not a private key");
    }

    @Test
    void load_refusesEmptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty"));

        assertThatThrownBy(() -> SshKeys.load(file)).hasMessageContaining("is not a private key");
    }

    @Test
    void load_refusesMissingFile_namingIt() {
        Path file = dir.resolve("no-such-key");

        assertThatThrownBy(() -> SshKeys.load(file))
                .isInstanceOf(IOException.class)
                .hasMessage("SSH private key " + file + " does not exist");
    }

    @Test
    void load_refusesDirectory() {
        assertThatThrownBy(() -> SshKeys.load(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void generateRsa2048_givesAKeyPairAndItsOpenSshPublicLine() throws Exception {
        SshKeys.GeneratedKey generated = SshKeys.generateRsa2048();

        assertThat(generated.publicKeyLine()).startsWith("ssh-rsa AAAA");
        assertThat(KeyUtils.getKeySize(generated.keyPair().getPublic())).isEqualTo(2048);
        PublicKey parsed = PublicKeyEntry.parsePublicKeyEntry(generated.publicKeyLine())
                .resolvePublicKey(null, null, null);
        assertThat(KeyUtils.compareKeys(parsed, generated.keyPair().getPublic())).isTrue();
        assertThat(generated.toString()).doesNotContain("PRIVATE").contains(generated.publicKeyLine());
    }

    private static PublicKey publicKeyOf(Path privateKeyFile) throws Exception {
        String line = Files.readString(Path.of(privateKeyFile + ".pub"), StandardCharsets.US_ASCII).strip();
        return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
    }
}
