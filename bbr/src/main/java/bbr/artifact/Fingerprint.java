package bbr.artifact;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An order-free summary of a set of file checksums: how many, and the sum modulo 2^256 of the SHA-256 of each
 * (name, checksum) pair. Two sets compare in constant memory as their entries stream past in any order (the tar's,
 * the VM's {@code find}, the metadata's); only when the summaries differ are the entries sorted to name the files.
 *
 * @param count the number of entries
 * @param sum   the 32-byte sum, big-endian
 */
public record Fingerprint(long count, byte[] sum) {

    public static final Fingerprint EMPTY = new Fingerprint(0, new byte[32]);

    public boolean matches(Fingerprint other) {
        return count == other.count && Arrays.equals(sum, other.sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint f && matches(f);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(sum);
    }

    /** Adds entries one at a time; not thread-safe. */
    public static final class Accumulator implements ChecksumSink {
        private final MessageDigest digest;
        private final long[] words = new long[4];
        private final byte[] length = new byte[4];
        private long count;

        public Accumulator() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        @Override
        public void accept(byte[] name, byte[] sha256Hex) {
            ByteBuffer.wrap(length).putInt(name.length);
            digest.update(length);
            digest.update(name);
            digest.update(sha256Hex);
            ByteBuffer hash = ByteBuffer.wrap(digest.digest());
            long carry = 0;
            for (int i = 3; i >= 0; i--) {
                long add = hash.getLong(i * 8);
                long before = words[i];
                long sum = before + add + carry;
                carry = (Long.compareUnsigned(sum, before) < 0 || (carry == 1 && sum == before)) ? 1 : 0;
                words[i] = sum;
            }
            count++;
        }

        public Fingerprint fingerprint() {
            ByteBuffer sum = ByteBuffer.allocate(32);
            for (long word : words) {
                sum.putLong(word);
            }
            return new Fingerprint(count, sum.array());
        }
    }
}
