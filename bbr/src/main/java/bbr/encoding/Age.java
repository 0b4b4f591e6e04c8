package bbr.encoding;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.util.List;

/** The age file format (age-encryption.org/v1) through jagged: X25519 recipients, binary (not armored) files. */
final class Age {

    private Age() {
    }

    /** Encrypts into {@code out} to every recipient; closing the result writes the last chunk and closes {@code out}. */
    static OutputStream encrypt(OutputStream out, List<RecipientStanzaWriter> recipients) throws IOException {
        try {
            return Channels.newOutputStream(new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(out), recipients));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not start the age encryption: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the header with the identities and returns the plaintext; a header that none of them opens fails here,
     * before any plaintext is read.
     */
    static InputStream decrypt(InputStream in, List<RecipientStanzaReader> identities, String file)
            throws IOException {
        try {
            return Channels.newInputStream(new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(in), identities));
        } catch (GeneralSecurityException e) {
            // jagged's messages name the failing step; none of them carries key material
            throw new IOException(file + " does not decrypt with the given --identity (" + e.getMessage()
                    + "): it is not an age file, it was damaged, or it was encrypted to another recipient", e);
        }
    }
}
