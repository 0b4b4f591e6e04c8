package bbr.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * The fields of one 512-byte tar header that hashing needs: the name's raw bytes, the type, the size of the data that
 * follows, and a hard link's target. GNU and POSIX ustar headers, which every VM's GNU tar writes, are read field by
 * field here: commons-compress decodes every field of every header into an entry (modes, owners, times, sparse
 * maps), which for a blobstore's 200,000 small files cost more CPU than hashing their data. Any other header (v7,
 * star, GNU sparse) is decoded by commons-compress, as before.
 */
record TarHeader(byte[] name, byte type, long size, byte[] linkName) {

    private static final int NAME = 0;
    private static final int NAME_LENGTH = 100;
    private static final int SIZE = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int CHECKSUM = 148;
    private static final int CHECKSUM_LENGTH = 8;
    private static final int TYPE = 156;
    private static final int LINK_NAME = 157;
    private static final int MAGIC = 257;
    private static final int PREFIX = 345;
    private static final int PREFIX_LENGTH = 155;
    /** Where star writes "tar\0": its prefix field is shorter, so commons-compress reads those headers. */
    private static final int STAR_TRAILER = 508;

    /** Reads a header that is not all zeros; a block that is not a tar header is refused. */
    static TarHeader parse(byte[] block) throws IOException {
        if (!checksumMatches(block)) {
            throw new IOException("not a tar stream: header checksum mismatch");
        }
        byte type = block[TYPE];
        boolean gnu = startsWith(block, MAGIC, "ustar  \0");
        boolean posix = startsWith(block, MAGIC, "ustar\0") && !startsWith(block, STAR_TRAILER, "tar\0");
        if (!(gnu || posix) || type == TarConstants.LF_GNUTYPE_SPARSE || (block[SIZE] & 0x80) != 0) {
            return decoded(block);
        }
        byte[] name = field(block, NAME, NAME_LENGTH);
        if (posix && block[PREFIX] != 0) {
            byte[] prefix = field(block, PREFIX, PREFIX_LENGTH);
            byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
            joined[prefix.length] = '/';
            System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
            name = joined;
        }
        return new TarHeader(name, type, octal(block, SIZE, SIZE_LENGTH, "size"), field(block, LINK_NAME, NAME_LENGTH));
    }

    /** A regular file's data follows: old tar's type 0 with a trailing slash was a directory. */
    boolean isFile() {
        return type == TarConstants.LF_NORMAL || type == TarConstants.LF_CONTIG
                || (type == TarConstants.LF_OLDNORM && !(name.length > 0 && name[name.length - 1] == '/'));
    }

    /** commons-compress's reading of the header (also what the tests hold the fast path to). */
    static TarHeader decoded(byte[] block) throws IOException {
        TarArchiveEntry entry;
        try {
            // ISO-8859-1 keeps every byte of the name, so FileNames can decide how to show it.
            entry = new TarArchiveEntry(block, ZipEncodingHelper.getZipEncoding(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a tar stream: " + e.getMessage(), e);
        }
        return new TarHeader(latin1(entry.getName()), entry.getLinkFlag(), entry.getSize(),
                latin1(entry.getLinkName()));
    }

    /**
     * The header's sum with its checksum field as spaces, as unsigned or (old tars) signed bytes. The whole block is
     * summed without a branch, then the field's bytes are swapped for spaces: this runs once per member.
     */
    private static boolean checksumMatches(byte[] block) throws IOException {
        int unsigned = 0;
        int signed = 0;
        for (byte b : block) {
            unsigned += b & 0xff;
            signed += b;
        }
        for (int i = CHECKSUM; i < CHECKSUM + CHECKSUM_LENGTH; i++) {
            unsigned += ' ' - (block[i] & 0xff);
            signed += ' ' - block[i];
        }
        long stored = octal(block, CHECKSUM, CHECKSUM_LENGTH, "checksum");
        return stored == unsigned || stored == signed;
    }

    /** An octal number field: leading spaces, digits, then a NUL or a space. {@code field} names it in errors. */
    private static long octal(byte[] block, int offset, int length, String field) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end && block[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && block[i] != 0 && block[i] != ' '; i++) {
            if (block[i] < '0' || block[i] > '7') {
                throw new IOException("not a tar stream: a header's " + field + " field is not an octal number");
            }
            value = (value << 3) + (block[i] - '0');
        }
        return value;
    }

    private static byte[] field(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(block, offset, end);
    }

    private static boolean startsWith(byte[] block, int offset, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (block[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] latin1(String name) {
        return name.getBytes(StandardCharsets.ISO_8859_1);
    }
}
