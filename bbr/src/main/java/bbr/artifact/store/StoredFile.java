package bbr.artifact.store;

/**
 * What metadata records of a file stored compressed or encrypted: its name, how it is encoded, and the size and
 * SHA-256 of the stored bytes, which can be checked without decrypting it.
 */
public record StoredFile(String file, String encoding, long size, String sha256) {
}
