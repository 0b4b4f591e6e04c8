package bbr.encoding;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --encrypt-to} values: age X25519 public keys ({@code age1…}), or files of them one per line with
 * {@code #} comments and blank lines, as {@code age -R} reads them. Messages name the flag, the file and the line,
 * never a line's content: an identity file given by mistake must not be printed.
 */
public final class AgeRecipients {

    static final String FLAG = "--encrypt-to";

    private final List<String> keys;

    private AgeRecipients(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * @param values           the flag's values in order
     * @param workingDirectory against which a relative recipients file is found
     * @throws IllegalArgumentException naming the flag and the bad value, file or line
     */
    public static AgeRecipients parse(List<String> values, Path workingDirectory) {
        List<String> keys = new ArrayList<>();
        for (String value : values) {
            String trimmed = value.strip();
            if (trimmed.startsWith("age1")) {
                keys.add(checked(trimmed, FLAG + " " + trimmed + ": not a valid age X25519 recipient"));
            } else {
                keys.addAll(fromFile(trimmed, workingDirectory.resolve(trimmed)));
            }
        }
        return new AgeRecipients(keys);
    }

    /** The recipients' stanza writers; new ones for every file, since jagged's writers are not documented as shareable. */
    List<RecipientStanzaWriter> writers() {
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        for (String key : keys) {
            try {
                writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(key));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a recipient that parsed before no longer does: " + key, e);
            }
        }
        return writers;
    }

    public int count() {
        return keys.size();
    }

    private static List<String> fromFile(String shown, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(FLAG + " " + shown + ": neither an age recipient (age1…) nor a"
                    + " recipients file: no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(FLAG + " " + shown + ": cannot read the recipients file: "
                    + KeyFiles.reason(e, file));
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            keys.add(checked(line, FLAG + " " + shown + ": line " + (i + 1)
                    + " is not an age X25519 recipient (age1…)"));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(FLAG + " " + shown + ": the recipients file holds no recipient");
        }
        return keys;
    }

    private static String checked(String key, String message) {
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(key);
            return key;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(message);
        }
    }
}
