package bbr.s3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** One part of a file being uploaded: the bytes written into its buffers so far. */
final class Part {

    private final int number;
    private final List<byte[]> buffers;
    private final int bufferSize;
    private int length;

    Part(int number, List<byte[]> buffers, int bufferSize) {
        this.number = number;
        this.buffers = buffers;
        this.bufferSize = bufferSize;
    }

    int number() {
        return number;
    }

    List<byte[]> buffers() {
        return buffers;
    }

    int length() {
        return length;
    }

    boolean isFull() {
        return length == (long) buffers.size() * bufferSize;
    }

    /** Copies as much of {@code b[off, off+len)} as fits; returns how much that was. */
    int fill(byte[] b, int off, int len) {
        int copied = 0;
        while (copied < len && !isFull()) {
            int buffer = length / bufferSize;
            int at = length % bufferSize;
            int n = Math.min(len - copied, bufferSize - at);
            System.arraycopy(b, off + copied, buffers.get(buffer), at, n);
            copied += n;
            length += n;
        }
        return copied;
    }

    /** The part's bytes from the start: the SDK asks for them again on every attempt. */
    InputStream stream() {
        List<InputStream> pieces = new java.util.ArrayList<>();
        for (int i = 0, left = length; left > 0; i++, left -= bufferSize) {
            pieces.add(new ByteArrayInputStream(buffers.get(i), 0, Math.min(left, bufferSize)));
        }
        return new SequenceInputStream(Collections.enumeration(pieces));
    }

    /** Content-MD5: the store recomputes it from what it received and refuses the part when they differ. */
    String md5() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (int i = 0, left = length; left > 0; i++, left -= bufferSize) {
                md5.update(buffers.get(i), 0, Math.min(left, bufferSize));
            }
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
