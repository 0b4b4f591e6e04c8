package bbr.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Computes the SHA-256 of every regular file in a tar stream as its bytes are pushed through, so an artifact is
 * hashed while it is written to disk instead of being read back afterwards (the original's second pass starved
 * idle proxy tunnels, issue #22). This class frames the 512-byte records of a push stream ({@link TarHeader} reads
 * each header): commons-compress's reader is pull-based and could not sit on one without a thread and a pipe.
 *
 * <p>Each regular member's checksum goes to a {@link ChecksumSpill} as soon as its data has passed, so memory does
 * not grow with the member count. A hard link carries no data: it gets its target's checksum, found at
 * {@link #finish} by sorting the links by target and walking them beside the entries sorted by name.
 */
public final class TarChecksummer extends OutputStream {

    private static final int BLOCK = 512;

    private static final int UNSAFE_SHOWN = 10;

    private final byte[] header = new byte[BLOCK];
    private final ChecksumSpill checksums;
    private final Scratch scratch;
    /** Hard links as (target, link name), sorted by target; {@code null} until the first one. */
    private ChecksumSpill links;
    private final List<String> unsafeNames = new ArrayList<>();
    private long unsafeCount;
    private final MessageDigest digest;
    private int headerFill;
    private long dataLeft;
    private long paddingLeft;
    private byte[] currentName;
    private java.io.ByteArrayOutputStream extendedHeader;
    private char extendedHeaderType;
    private byte[] nextName;
    private int zeroBlocks;

    /** @param checksums where each member's checksum goes; {@code scratch} holds the hard links' spill files */
    public TarChecksummer(ChecksumSpill checksums, Scratch scratch) {
        this.checksums = checksums;
        this.scratch = scratch;
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

    /**
     * Checks that the stream ended where a tar ends, and gives the hard links their targets' checksums; call after
     * the whole stream was written, before finishing the spill.
     */
    public void finish() throws IOException {
        if (headerFill != 0 || dataLeft != 0 || paddingLeft != 0 || zeroBlocks < 2) {
            throw new IOException("tar stream ended in the middle of an entry");
        }
        if (links != null) {
            resolveLinks();
        }
    }

    /** The first member names that would land outside the extraction directory ({@code ..} or absolute). */
    public List<String> unsafeNames() {
        return List.copyOf(unsafeNames);
    }

    /** How many member names would land outside the extraction directory. */
    public long unsafeCount() {
        return unsafeCount;
    }

    private void resolveLinks() throws IOException {
        try (ChecksumSpill byName = new ChecksumSpill(scratch, Arrays::compareUnsigned)) {
            checksums.replaySoFar(byName);
            try (SpilledChecksums files = byName.finish(); SpilledChecksums targets = links.finish();
                 SpilledChecksums.Cursor file = files.cursor(); SpilledChecksums.Cursor link = targets.cursor()) {
                SpilledChecksums.Entry f = file.next();
                for (SpilledChecksums.Entry l = link.next(); l != null; l = link.next()) {
                    while (f != null && Arrays.compareUnsigned(f.name(), l.name()) < 0) {
                        f = file.next();
                    }
                    if (f != null && Arrays.equals(f.name(), l.name())) {
                        checksums.accept(l.sum(), f.sum());
                    }
                }
            }
        } finally {
            links.close();
        }
    }

    private void onHeader() throws IOException {
        if (isAllZero(header)) {
            zeroBlocks++;
            return;
        }
        zeroBlocks = 0;
        TarHeader entry = TarHeader.parse(header);
        long size = entry.size();
        byte type = entry.type();
        dataLeft = size;
        paddingLeft = (BLOCK - size % BLOCK) % BLOCK;
        currentName = null;
        extendedHeader = null;
        if (type == TarConstants.LF_GNUTYPE_LONGNAME || type == TarConstants.LF_PAX_EXTENDED_HEADER_LC
                || type == TarConstants.LF_PAX_EXTENDED_HEADER_UC) {
            extendedHeader = new java.io.ByteArrayOutputStream();
            extendedHeaderType = (char) type;
            finishIfEmpty();
            return;
        }
        byte[] name = nextName != null ? nextName : entry.name();
        nextName = null;
        checkSafe(name);
        if (type == TarConstants.LF_LINK) {
            if (links == null) {
                links = new ChecksumSpill(scratch, Arrays::compareUnsigned);
            }
            links.accept(entry.linkName(), name);
        } else if (entry.isFile()) {
            currentName = name;
            digest.reset();
            finishIfEmpty();
        }
    }

    private void consumeData(byte[] bytes, int offset, int n) throws IOException {
        if (extendedHeader != null) {
            extendedHeader.write(bytes, offset, n);
        } else if (currentName != null) {
            digest.update(bytes, offset, n);
        }
        dataLeft -= n;
        finishIfEmpty();
    }

    private void finishIfEmpty() throws IOException {
        if (dataLeft > 0) {
            return;
        }
        if (currentName != null) {
            checksums.accept(currentName, HexFormat.of().formatHex(digest.digest()).getBytes(StandardCharsets.US_ASCII));
            currentName = null;
        } else if (extendedHeader != null) {
            byte[] raw = extendedHeader.toByteArray();
            extendedHeader = null;
            nextName = extendedHeaderType == TarConstants.LF_GNUTYPE_LONGNAME ? trimNuls(raw)
                    : PaxHeader.path(raw).orElse(nextName);
        }
    }

    private static byte[] trimNuls(byte[] raw) {
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        return java.util.Arrays.copyOf(raw, end);
    }

    private void checkSafe(byte[] raw) {
        String name = new String(raw, StandardCharsets.ISO_8859_1);
        String stripped = name.startsWith("./") ? name.substring(2) : name;
        if (name.startsWith("/") || stripped.equals("..") || stripped.startsWith("../") || stripped.contains("/../")
                || stripped.endsWith("/..")) {
            unsafeCount++;
            if (unsafeNames.size() < UNSAFE_SHOWN) {
                unsafeNames.add(FileNames.canonical(raw));
            }
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
