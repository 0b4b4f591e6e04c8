package bbr.cli;

import bbr.artifact.store.Decoding;
import bbr.encoding.AgeIdentities;
import bbr.encoding.StoredDecoding;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --identity}: the age identity file that restore and verify decrypt an encrypted artifact with. */
final class IdentityOption {

    static final String VARIABLE = "BBR_IDENTITY";

    @Option(names = "--identity", paramLabel = "FILE",
            description = "Specify the age identity file to decrypt an encrypted artifact with [$BBR_IDENTITY]")
    String identity;

    /**
     * Reads every encoding, decrypting with the identity file if one was named; empty after telling the operator
     * what is wrong with the flag's file.
     */
    Optional<Decoding> decodingOrFlagError(Terminal terminal) {
        try {
            return Optional.of(decodingFor(terminal.workingDirectory(), System::getenv));
        } catch (IllegalArgumentException e) {
            terminal.flagError(e.getMessage());
            return Optional.empty();
        }
    }

    /** @throws IllegalArgumentException naming the flag and the file when it cannot be used */
    private Decoding decodingFor(Path workingDirectory, Function<String, String> environment) {
        String file = identity != null && !identity.isBlank() ? identity : environment.apply(VARIABLE);
        if (file == null || file.isBlank()) {
            return new StoredDecoding(null);
        }
        return new StoredDecoding(AgeIdentities.read(file, workingDirectory.resolve(file)));
    }
}
