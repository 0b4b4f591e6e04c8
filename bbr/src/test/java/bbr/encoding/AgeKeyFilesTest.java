package bbr.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad {@code --encrypt-to} and {@code --identity} values are named, and a key's text never is. */
class AgeKeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aMalformedRecipient_isNamed() {
        assertThatThrownBy(() -> AgeRecipients.parse(List.of("age1notakey"), dir))
                .hasMessage("--encrypt-to age1notakey: not a valid age X25519 recipient");
    }

    @Test
    void anUnknownRecipientKind_orMissingFile_isNamed() {
        assertThatThrownBy(() -> AgeRecipients.parse(List.of("ssh-ed25519 AAAA"), dir))
                .hasMessage("--encrypt-to ssh-ed25519 AAAA: neither an age recipient (age1…) nor a recipients file:"
                        + " no such file");
    }

    @Test
    void anIdentityFileGivenAsRecipients_isRefused_withoutPrintingTheKey() throws Exception {
        AgeKeys keys = AgeKeys.generate(dir, "key");
        String secret = Files.readAllLines(keys.identityFile()).stream().filter(l -> l.startsWith("AGE-SECRET"))
                .findFirst().orElseThrow();

        assertThatThrownBy(() -> AgeRecipients.parse(List.of(keys.identityFile().toString()), dir))
                .hasMessageContaining("line 3 is not an age X25519 recipient")
                .message().doesNotContain(secret).doesNotContain("AGE-SECRET-KEY");
    }

    @Test
    void anEmptyRecipientsFile_isRefused() throws Exception {
        Files.writeString(dir.resolve("r.txt"), "# nothing\n");
        assertThatThrownBy(() -> AgeRecipients.parse(List.of("r.txt"), dir))
                .hasMessage("--encrypt-to r.txt: the recipients file holds no recipient");
    }

    @Test
    void identityFileMissing_aDirectory_orNotAnIdentity_isNamed() throws Exception {
        assertThatThrownBy(() -> AgeIdentities.read("none.txt", dir.resolve("none.txt")))
                .hasMessage("--identity none.txt: no such file");
        Files.createDirectory(dir.resolve("d"));
        assertThatThrownBy(() -> AgeIdentities.read("d", dir.resolve("d")))
                .hasMessage("--identity d: cannot read the identity file: it is a directory");
        AgeKeys keys = AgeKeys.generate(dir, "key");
        Files.writeString(dir.resolve("pub.txt"), keys.recipient() + "\n");
        assertThatThrownBy(() -> AgeIdentities.read("pub.txt", dir.resolve("pub.txt")))
                .hasMessage("--identity pub.txt: line 1 is not an age identity (AGE-SECRET-KEY-1…)");
    }

    @Test
    void anAgeKeygenFile_isAnIdentity() throws Exception {
        AgeKeys keys = AgeKeys.generate(dir, "key");
        assertThat(AgeIdentities.read("key.txt", keys.identityFile())).hasToString("1 age identities");
    }
}
