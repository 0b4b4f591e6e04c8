package bbr.encoding;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --identity} file: age X25519 identities ({@code AGE-SECRET-KEY-1…}) one per line, with {@code #}
 * comments, as {@code age-keygen} writes it and {@code age -i} reads it. The keys stay in jagged's readers; no
 * message, {@code toString} or log line carries a line of the file.
 */
public final class AgeIdentities {

    static final String FLAG = "--identity";

    private final List<RecipientStanzaReader> readers;

    private AgeIdentities(List<RecipientStanzaReader> readers) {
        this.readers = List.copyOf(readers);
    }

    /** @throws IllegalArgumentException naming the flag, the file and what is wrong with it */
    public static AgeIdentities read(String shown, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(FLAG + " " + shown + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(FLAG + " " + shown + ": cannot read the identity file: "
                    + KeyFiles.reason(e, file));
        }
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (!line.startsWith("AGE-SECRET-KEY-1")) {
                    throw new GeneralSecurityException("not an X25519 identity");
                }
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException(FLAG + " " + shown + ": line " + (i + 1)
                        + " is not an age identity (AGE-SECRET-KEY-1…)");
            }
        }
        if (readers.isEmpty()) {
            throw new IllegalArgumentException(FLAG + " " + shown + ": the file holds no age identity"
                    + " (AGE-SECRET-KEY-1…)");
        }
        return new AgeIdentities(readers);
    }

    List<RecipientStanzaReader> readers() {
        return readers;
    }

    @Override
    public String toString() {
        return readers.size() + " age identities";
    }
}
