package bbr.encoding;

import bbr.artifact.store.Decoding;
import java.io.IOException;
import java.io.InputStream;

/** Reads every encoding {@link StoredEncoding} writes, decrypting with the {@code --identity} file if one was given. */
public final class StoredDecoding implements Decoding {

    private final AgeIdentities identities;

    /** @param identities null when restore or verify was given no {@code --identity} */
    public StoredDecoding(AgeIdentities identities) {
        this.identities = identities;
    }

    @Override
    public InputStream decode(InputStream stored, String encoding, String file) throws IOException {
        return switch (encoding) {
            case "" -> stored;
            case "zstd" -> Zstd.decompress(stored);
            case "age" -> decrypt(stored, file);
            case "zstd+age" -> Zstd.decompress(decrypt(stored, file));
            default -> throw new IOException(file + " is stored as '" + encoding + "', an encoding this bbr does"
                    + " not know (it knows zstd, age and zstd+age)");
        };
    }

    @Override
    public boolean decrypts() {
        return identities != null;
    }

    private InputStream decrypt(InputStream stored, String file) throws IOException {
        if (identities == null) {
            throw new IOException(file + " is encrypted: give the age identity of one of its recipients with"
                    + " --identity FILE (or $BBR_IDENTITY)");
        }
        return Age.decrypt(stored, identities.readers(), file);
    }
}
