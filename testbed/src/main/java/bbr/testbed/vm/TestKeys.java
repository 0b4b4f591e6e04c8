package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Generates SSH key pairs of a given type and file format with the real {@code ssh-keygen}. */
public final class TestKeys {

    private TestKeys() {
    }

    /** An unencrypted key pair in {@code dir}, its files named after the type ("id_ed25519" and "id_ed25519.pub"). */
    public static KeyPairFiles generate(Path dir, KeyType type, KeyFormat format) {
        return generate(dir, "id_" + type.name().toLowerCase(), type, format, "");
    }

    /**
     * A key pair in {@code dir/fileName} and {@code dir/fileName.pub}, encrypted with {@code passphrase} unless
     * it is empty.
     */
    public static KeyPairFiles generate(Path dir, String fileName, KeyType type, KeyFormat format, String passphrase) {
        if (type == KeyType.ED25519 && format != KeyFormat.OPENSSH) {
            // ssh-keygen silently writes the OpenSSH format instead: a test asking for PEM would test something else.
            throw new IllegalArgumentException("ssh-keygen writes ed25519 keys in the OpenSSH format only, not "
                    + format);
        }
        Path privateKey = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(dir.resolve(fileName + ".pub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q"));
        argv.addAll(type.keygenArguments());
        argv.addAll(List.of("-m", format.keygenName(), "-N", passphrase, "-C", "bbr-testbed-" + fileName,
                "-f", privateKey.toString()));
        HostCommand.run(argv, Duration.ofSeconds(60)).orThrow();
        return new KeyPairFiles(privateKey, dir.resolve(fileName + ".pub"), type, format);
    }
}
