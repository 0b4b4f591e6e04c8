package bbr.artifact;

/**
 * How one file of a backup is stored when it is not the original's plain file (agreed with the compression and
 * encryption work): its stored name, encoding, size and the SHA-256 of the stored bytes. It goes under
 * {@code stored:} of an artifact entry, after {@code checksums}, or under a top-level {@code manifest:}; the
 * original's YAML reader ignores both keys, and without them the metadata is byte for byte the original's.
 *
 * @param file     the stored file's name ({@code bosh-0-db.tar.zst.age})
 * @param encoding {@code zstd}, {@code age} or {@code zstd+age}
 * @param size     the stored size in bytes
 * @param sha256   the SHA-256 of the stored bytes, 64 lower-case hex digits
 */
public record StoredFile(String file, String encoding, long size, String sha256) {
}
