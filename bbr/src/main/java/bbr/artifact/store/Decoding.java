package bbr.artifact.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Turns stored bytes back into the plain file, for every {@link Encoding} a backup may have used, with the age
 * identities that restore or verify were given (if any).
 */
public interface Decoding {

    /** For plain artifacts only: refuses any encoding. */
    Decoding PLAIN_ONLY = new Decoding() {
        @Override
        public InputStream decode(InputStream stored, String encoding, String file) throws IOException {
            if (!encoding.isEmpty()) {
                throw new IOException(file + " is stored as " + encoding + ", which this bbr cannot read");
            }
            return stored;
        }

        @Override
        public boolean decrypts() {
            return false;
        }
    };

    /**
     * The plain bytes of {@code stored}, a file written with {@code encoding} (as metadata records it; empty for
     * plain). Closing the result closes {@code stored}.
     *
     * @throws IOException naming {@code file}, when it does not decode: no identity, a wrong one, a broken header
     */
    InputStream decode(InputStream stored, String encoding, String file) throws IOException;

    /** Whether encrypted files can be read: an identity was given. */
    boolean decrypts();

    /** Whether files of {@code encoding} are encrypted. */
    static boolean isEncrypted(String encoding) {
        return encoding.endsWith("age");
    }
}
