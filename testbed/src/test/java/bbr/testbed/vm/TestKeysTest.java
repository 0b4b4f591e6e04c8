package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestKeysTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "RSA,       OPENSSH, -----BEGIN OPENSSH PRIVATE KEY-----, ssh-rsa",
        "RSA,       PEM,     -----BEGIN RSA PRIVATE KEY-----,     ssh-rsa",
        "RSA,       PKCS8,   -----BEGIN PRIVATE KEY-----,         ssh-rsa",
        "ED25519,   OPENSSH, -----BEGIN OPENSSH PRIVATE KEY-----, ssh-ed25519",
        "ECDSA_256, OPENSSH, -----BEGIN OPENSSH PRIVATE KEY-----, ecdsa-sha2-nistp256",
        "ECDSA_384, PEM,     -----BEGIN EC PRIVATE KEY-----,      ecdsa-sha2-nistp384",
        "ECDSA_521, PKCS8,   -----BEGIN PRIVATE KEY-----,         ecdsa-sha2-nistp521",
    })
    void generate_writesThePrivateKeyInTheAskedFormat(KeyType type, KeyFormat format, String header,
            String algorithm) throws Exception {
        KeyPairFiles key = TestKeys.generate(dir, type, format);

        assertThat(key.privateKeyText()).startsWith(header + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.privateKey())))
                .isEqualTo("rw-------");
        assertThat(key.publicKeyLine()).startsWith(algorithm + " AAAA").endsWith(" bbr-testbed-" + key.privateKey()
                .getFileName());
        assertThat(key.publicKeyWithoutComment()).isEqualTo(algorithm + " " + key.publicKeyLine().split(" ")[1]);
        // ssh-keygen reads its own output back: the files are a consistent pair.
        assertThat(derivePublicKey(key.privateKey(), "")).isEqualTo(key.publicKeyWithoutComment());
    }

    @Test
    void generate_encryptsWithThePassphrase() {
        KeyPairFiles key = TestKeys.generate(dir, "secret_rsa", KeyType.RSA, KeyFormat.PEM, "s3cret");

        assertThat(key.privateKeyText()).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(derivePublicKey(key.privateKey(), "s3cret")).isEqualTo(key.publicKeyWithoutComment());
        assertThat(HostCommand.run(List.of("ssh-keygen", "-y", "-P", "wrong", "-f", key.privateKey().toString()),
                Duration.ofSeconds(10)).exitCode()).isNotZero();
    }

    @Test
    void generate_refusesEd25519InPem_whichSshKeygenWouldSilentlyWriteAsOpenSsh() {
        assertThatThrownBy(() -> TestKeys.generate(dir, KeyType.ED25519, KeyFormat.PEM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OpenSSH format");
    }

    private static String derivePublicKey(Path privateKey, String passphrase) {
        String line = HostCommand.run(List.of("ssh-keygen", "-y", "-P", passphrase, "-f", privateKey.toString()),
                Duration.ofSeconds(10)).orThrow().stdout().strip();
        String[] fields = line.split(" ");
        return fields[0] + " " + fields[1];
    }
}
