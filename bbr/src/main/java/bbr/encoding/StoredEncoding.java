package bbr.encoding;

import bbr.artifact.store.Encoding;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The encoding that {@code --compress}, {@code --compress-level} and {@code --encrypt-to} ask for: zstd first, then
 * age, so that compression sees the plain tar (ciphertext does not compress).
 */
public final class StoredEncoding implements Encoding {

    private final int level;
    private final AgeRecipients recipients;

    /** @param level 0 for no compression, else 1..19; @param recipients null for no encryption */
    private StoredEncoding(int level, AgeRecipients recipients) {
        this.level = level;
        this.recipients = recipients;
    }

    /**
     * @param compressLevel null for no compression, else the level ({@code --compress} alone: 3)
     * @throws IllegalArgumentException naming {@code --compress-level} when it is out of range
     */
    public static Encoding of(Integer compressLevel, AgeRecipients recipients) {
        if (compressLevel != null && (compressLevel < Zstd.MIN_LEVEL || compressLevel > Zstd.MAX_LEVEL)) {
            throw new IllegalArgumentException("--compress-level " + compressLevel + ": must be between "
                    + Zstd.MIN_LEVEL + " and " + Zstd.MAX_LEVEL);
        }
        if (compressLevel == null && recipients == null) {
            return Encoding.PLAIN;
        }
        return new StoredEncoding(compressLevel == null ? 0 : compressLevel, recipients);
    }

    /** The level of a bare {@code --compress}. */
    public static int defaultLevel() {
        return Zstd.DEFAULT_LEVEL;
    }

    @Override
    public String name() {
        return level > 0 && recipients != null ? "zstd+age" : level > 0 ? "zstd" : "age";
    }

    @Override
    public String suffix() {
        return (level > 0 ? ".zst" : "") + (recipients != null ? ".age" : "");
    }

    @Override
    public OutputStream encode(OutputStream stored) throws IOException {
        OutputStream out = recipients != null ? Age.encrypt(stored, recipients.writers()) : stored;
        return level > 0 ? Zstd.compress(out, level) : out;
    }

    @Override
    public Encoding forManifest() {
        return recipients == null ? Encoding.PLAIN : new StoredEncoding(0, recipients);
    }
}
