/**
 * The stored encodings of an artifact's files, as stream stages over libraries made for them: Zstandard through
 * zstd-jni (the reference C library) and age through jagged; and the operator's age keys, read as {@code age -R}
 * and {@code age -i} read them.
 */
package bbr.encoding;
