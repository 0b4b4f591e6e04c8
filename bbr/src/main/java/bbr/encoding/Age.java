package bbr.encoding;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
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
        OutputStream encrypting;
        try {
            encrypting = Channels.newOutputStream(new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(out), recipients));
        } catch (GeneralSecurityException e) {
            throw new IOException("could not start the age encryption: " + e.getMessage(), e);
        }
        return new FilterOutputStream(encrypting) {
            /** After a failed chunk jagged's cipher refuses its nonce again: later calls repeat the first cause. */
            private IOException failure;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                call(() -> out.write(bytes, offset, length));
            }

            @Override
            public void close() throws IOException {
                call(out::close);
            }

            private void call(IoCall call) throws IOException {
                if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                try {
                    call.run();
                } catch (IOException e) {
                    failure = underlying(e);
                    throw failure;
                }
            }
        };
    }

    /** A write or close of the encrypting stream. */
    private interface IoCall {
        void run() throws IOException;
    }

    /**
     * Reads the header with the identities and returns the plaintext; a header that none of them opens fails here,
     * before any plaintext is read. A chunk that fails its authentication fails the read naming {@code file}.
     */
    static InputStream decrypt(InputStream in, List<RecipientStanzaReader> identities, String file)
            throws IOException {
        InputStream decrypting;
        try {
            decrypting = Channels.newInputStream(new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(in), identities));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not decrypt with the given --identity (" + e.getMessage()
                    + "): it is not an age file, it was damaged, or it was encrypted to another recipient", e);
        }
        return new FilterInputStream(decrypting) {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                try {
                    return in.read(bytes, offset, length);
                } catch (IOException e) {
                    IOException cause = underlying(e);
                    if (cause != e) {
                        throw cause; // the disk's own error, not the format's
                    }
                    throw new IOException(file + " is damaged: its age payload does not authenticate (it was cut"
                            + " short or changed after the backup)", e);
                }
            }
        };
    }

    /**
     * jagged reports a failed write or read of the file underneath as its own "Write chunk failed" with the chunk's
     * counter bytes, the real cause inside; the operator needs the cause ("No space left on device").
     */
    private static IOException underlying(IOException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException io && !(t instanceof com.exceptionfactory.jagged.PayloadException)) {
                return io;
            }
        }
        return e;
    }
}
