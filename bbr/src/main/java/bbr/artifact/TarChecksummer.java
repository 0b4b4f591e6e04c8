package bbr.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Computes the SHA-256 of every regular file in a tar stream as its bytes are pushed through, so an artifact is
 * hashed while it is written to disk instead of being read back afterwards (the original's second pass starved
 * idle proxy tunnels, issue #22). Headers are decoded by commons-compress, whose reader is pull-based and so
 * cannot sit on a push stream without a thread and a pipe; this class only frames the 512-byte records.
 */
public final class TarChecksummer extends OutputStream {

    private static final int BLOCK = 512;

    private final byte[] header = new byte[BLOCK];
    private final Map<String, String> checksums = new HashMap<>();
    private final List<String> unsafeNames = new ArrayList<>();
    private final MessageDigest digest;
    private int headerFill;
    private long dataLeft;
    private long paddingLeft;
    private String currentName;
    private StringBuilder extendedHeader;
    private char extendedHeaderType;
    private String nextName;
    private int zeroBlocks;

    public TarChecksummer() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        while (offset < end) {
            if (dataLeft > 0) {
                int n = (int) Math.min(dataLeft, end - offset);
                consumeData(bytes, offset, n);
                offset += n;
            } else if (paddingLeft > 0) {
                int n = (int) Math.min(paddingLeft, end - offset);
                paddingLeft -= n;
                offset += n;
            } else if (zeroBlocks >= 2) {
                return; // after the end-of-archive marker tar pads to its record size with zeros
            } else {
                int n = Math.min(BLOCK - headerFill, end - offset);
                System.arraycopy(bytes, offset, header, headerFill, n);
                headerFill += n;
                offset += n;
                if (headerFill == BLOCK) {
                    headerFill = 0;
                    onHeader();
                }
            }
        }
    }

    /** The digests found, keyed by tar name; call after the whole stream was written. */
    public Checksums checksums() throws IOException {
        if (headerFill != 0 || dataLeft != 0 || paddingLeft != 0 || zeroBlocks < 2) {
            throw new IOException("tar stream ended in the middle of an entry");
        }
        return Checksums.of(checksums);
    }

    /** Member names that would land outside the extraction directory ({@code ..} or absolute). */
    public List<String> unsafeNames() {
        return List.copyOf(unsafeNames);
    }

    private void onHeader() throws IOException {
        if (isAllZero(header)) {
            zeroBlocks++;
            return;
        }
        zeroBlocks = 0;
        TarArchiveEntry entry;
        try {
            if (!TarUtils.verifyCheckSum(header)) {
                throw new IOException("not a tar stream: header checksum mismatch");
            }
            // ISO-8859-1 keeps every byte of the name, so FileNames can decide how to show it.
            entry = new TarArchiveEntry(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new IOException("not a tar stream: " + e.getMessage(), e);
        }
        long size = entry.getSize();
        byte type = entry.getLinkFlag();
        dataLeft = size;
        paddingLeft = (BLOCK - size % BLOCK) % BLOCK;
        currentName = null;
        extendedHeader = null;
        if (type == TarConstants.LF_GNUTYPE_LONGNAME || type == TarConstants.LF_PAX_EXTENDED_HEADER_LC
                || type == TarConstants.LF_PAX_EXTENDED_HEADER_UC) {
            extendedHeader = new StringBuilder();
            extendedHeaderType = (char) type;
            finishIfEmpty();
            return;
        }
        String name = nextName != null ? nextName : FileNames.canonicalLatin1(entry.getName());
        nextName = null;
        checkSafe(name);
        if (type == TarConstants.LF_LINK) {
            String target = checksums.get(FileNames.canonicalLatin1(entry.getLinkName()));
            if (target != null) {
                checksums.put(name, target);
            }
        } else if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM
                || type == TarConstants.LF_CONTIG) {
            currentName = name;
            digest.reset();
            finishIfEmpty();
        }
    }

    private void consumeData(byte[] bytes, int offset, int n) {
        if (extendedHeader != null) {
            extendedHeader.append(new String(bytes, offset, n, StandardCharsets.ISO_8859_1));
        } else if (currentName != null) {
            digest.update(bytes, offset, n);
        }
        dataLeft -= n;
        finishIfEmpty();
    }

    private void finishIfEmpty() {
        if (dataLeft > 0) {
            return;
        }
        if (currentName != null) {
            checksums.put(currentName, HexFormat.of().formatHex(digest.digest()));
            currentName = null;
        } else if (extendedHeader != null) {
            byte[] raw = extendedHeader.toString().getBytes(StandardCharsets.ISO_8859_1);
            extendedHeader = null;
            nextName = extendedHeaderType == TarConstants.LF_GNUTYPE_LONGNAME
                    ? FileNames.canonical(trimNuls(raw))
                    : PaxHeader.path(raw).map(FileNames::canonical).orElse(nextName);
        }
    }

    private static byte[] trimNuls(byte[] raw) {
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        return java.util.Arrays.copyOf(raw, end);
    }

    private void checkSafe(String name) {
        String stripped = name.startsWith("./") ? name.substring(2) : name;
        if (name.startsWith("/") || stripped.equals("..") || stripped.startsWith("../") || stripped.contains("/../")
                || stripped.endsWith("/..")) {
            unsafeNames.add(name);
        }
    }

    private static boolean isAllZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
