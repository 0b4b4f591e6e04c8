package bbr.cli;

import bbr.artifact.store.Encoding;
import bbr.encoding.AgeRecipients;
import bbr.encoding.StoredEncoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code backup}'s choice of how artifact files are stored: {@code --compress}, its level, {@code --encrypt-to}. */
final class EncodingOptions {

    static final String ENCRYPT_TO_VARIABLE = "BBR_ENCRYPT_TO";

    @Option(names = "--compress", description = "Specify to compress each artifact with zstd (NAME.tar.zst)")
    boolean compress;

    @Option(names = "--compress-level", paramLabel = "LEVEL",
            description = "Specify the zstd compression level, 1 to 19 (default: 3); implies --compress")
    Integer compressLevel;

    @Option(names = "--encrypt-to", paramLabel = "RECIPIENT",
            description = "Specify an age recipient (age1...) or a file of them to encrypt the artifact to;"
                    + " repeatable [$BBR_ENCRYPT_TO]")
    List<String> encryptTo = new ArrayList<>();

    /**
     * The encoding the flags ask for; the recipients are read now, before anything is locked.
     *
     * @throws IllegalArgumentException naming the flag and what is wrong with its value
     */
    Encoding encoding(Path workingDirectory, Function<String, String> environment) {
        List<String> recipients = new ArrayList<>(encryptTo);
        String fromEnvironment = environment.apply(ENCRYPT_TO_VARIABLE);
        if (recipients.isEmpty() && fromEnvironment != null && !fromEnvironment.isBlank()) {
            recipients.add(fromEnvironment);
        }
        Integer level = compressLevel != null ? compressLevel : compress ? StoredEncoding.defaultLevel() : null;
        return StoredEncoding.of(level, recipients.isEmpty() ? null
                : AgeRecipients.parse(recipients, workingDirectory));
    }
}
