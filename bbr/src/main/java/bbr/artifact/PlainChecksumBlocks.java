package bbr.artifact;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code checksums:} blocks of a metadata file whose every line has the one shape yaml.v2 gives an ordinary tar
 * name, {@code <indent>./path/name: <64 hex digits>}, read line by line instead of by the YAML parser.
 *
 * <p>Why: SnakeYAML spends about 9 µs per entry, and most of a cold JVM's first second interpreting its scanner, so
 * opening the metadata of a 200,000-file blobstore took 1.3-2.6 CPU s; these lines need no parser. Only lines that
 * read the same under any YAML parser qualify: ASCII names of {@code [A-Za-z0-9._/+=-]} that start with a letter,
 * digit, {@code .}, {@code /} or {@code _}, one {@code ": "}, the lower-case hex digest and a {@code \n}. A block with
 * any other line (a quoted or {@code !!binary} name, a space, a comment, a blank line, {@code \r}) is left whole to
 * the parser. The parser still reads everything around the blocks, with each block replaced by a tagged scalar that
 * {@link MetadataReader} claims; a block it does not claim means the scan misread the file, and the reader then
 * parses the original text instead.
 */
final class PlainChecksumBlocks {

    /** The tag of the scalar that stands for a block in the text the parser reads. */
    static final String TAG = "tag:bbr-jvm.invalid,2026:plain-checksums";

    private static final String KEY = "checksums:";
    private static final int SHA256_HEX = 64;

    /**
     * One block, in chars of the decoded text.
     *
     * @param keyEnd      just after {@code checksums:}, where the line's {@code \n} is
     * @param start       the first entry line
     * @param end         just after the last entry line
     * @param fingerprint of its entries
     */
    record Block(long keyEnd, long start, long end, Fingerprint fingerprint) {
    }

    private PlainChecksumBlocks() {
    }

    /** Every block of {@code text} that qualifies, in file order. Holds nothing per entry. */
    static List<Block> scan(Reader text) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Lines lines = new Lines(text);
        boolean pending = lines.next();
        while (pending) {
            int keyIndent = checksumsKeyIndent(lines);
            if (keyIndent < 0 || !lines.terminated) {
                pending = lines.next();
                continue;
            }
            long keyEnd = lines.lineStart + keyIndent + KEY.length();
            long start = lines.position();
            int entryIndent = -1;
            boolean plain = true;
            Fingerprint.Accumulator fingerprint = new Fingerprint.Accumulator();
            long end = start;
            while ((pending = lines.next())) {
                int indent = indent(lines);
                boolean content = indent < lines.length() && lines.charAt(indent) != '#';
                if (content && indent <= keyIndent) {
                    break; // the next key of the artifact, or whatever follows it
                }
                if (entryIndent < 0) {
                    entryIndent = indent;
                }
                plain = plain && indent == entryIndent && accept(lines, indent, fingerprint);
                end = lines.position();
            }
            if (plain && end > start) {
                blocks.add(new Block(keyEnd, start, end, fingerprint.fingerprint()));
            }
        }
        return blocks;
    }

    /** Streams the entries of {@code block} from {@code text}, read from its start. */
    static void replay(Reader text, Block block, ChecksumSink sink) throws IOException {
        skipFully(text, block.start());
        Lines lines = new Lines(text);
        long count = 0;
        while (block.start() + lines.position() < block.end() && lines.next()) {
            int indent = indent(lines);
            if (!accept(lines, indent, sink)) {
                throw new IOException("the metadata changed while it was read: line at char "
                        + (block.start() + lines.lineStart) + " is not a checksum any more");
            }
            count++;
        }
        if (count != block.fingerprint().count()) {
            throw new IOException("the metadata changed while it was read: " + count + " checksums where "
                    + block.fingerprint().count() + " were");
        }
    }

    /** {@code text} with each block's entries replaced by {@code !<TAG> "i"} on its {@code checksums:} line. */
    static Reader elide(Reader text, List<Block> blocks) {
        return new Eliding(text, blocks);
    }

    private static int checksumsKeyIndent(Lines line) {
        int indent = indent(line);
        if (line.length() != indent + KEY.length()) {
            return -1;
        }
        for (int i = 0; i < KEY.length(); i++) {
            if (line.charAt(indent + i) != KEY.charAt(i)) {
                return -1;
            }
        }
        return indent;
    }

    private static int indent(Lines line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Hands the entry on {@code line} to {@code sink} when the line has the plain shape; false when it has not. */
    private static boolean accept(Lines line, int indent, ChecksumSink sink) throws IOException {
        char[] c = line.chars;
        int nameStart = line.from + indent;
        int colon = line.to - SHA256_HEX - 2;
        if (colon <= nameStart || c[colon] != ':' || c[colon + 1] != ' ' || !firstNameChar(c[nameStart])) {
            return false;
        }
        byte[] name = new byte[colon - nameStart];
        for (int i = nameStart; i < colon; i++) {
            if (!nameChar(c[i])) {
                return false;
            }
            name[i - nameStart] = (byte) c[i];
        }
        byte[] sum = new byte[SHA256_HEX];
        for (int i = 0, at = colon + 2; i < SHA256_HEX; i++, at++) {
            if (!(c[at] >= '0' && c[at] <= '9' || c[at] >= 'a' && c[at] <= 'f')) {
                return false;
            }
            sum[i] = (byte) c[at];
        }
        sink.accept(name, sum);
        return true;
    }

    private static boolean firstNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '/'
                || c == '_';
    }

    private static boolean nameChar(char c) {
        return firstNameChar(c) || c == '-' || c == '+' || c == '=';
    }

    private static void skipFully(Reader reader, long chars) throws IOException {
        long left = chars;
        while (left > 0) {
            long skipped = reader.skip(left);
            if (skipped <= 0) {
                throw new IOException("the metadata changed while it was read: it ends before char " + chars);
            }
            left -= skipped;
        }
    }

    /**
     * Lines without their {@code \n}, with where each starts: {@code chars[from, to)}, in the read buffer itself unless
     * the line spans two reads, so that a line costs no copy.
     */
    private static final class Lines {
        private final Reader in;
        private final char[] buffer = new char[1 << 16];
        private int pos;
        private int limit;
        private long bufferStart;
        private char[] spanning = new char[256];
        char[] chars;
        int from;
        int to;
        long lineStart;
        boolean terminated;

        Lines(Reader in) {
            this.in = in;
        }

        /** Reads the next line; false at the end of the text. */
        boolean next() throws IOException {
            lineStart = position();
            int spanned = 0;
            while (true) {
                if (pos == limit) {
                    bufferStart += limit;
                    pos = 0;
                    limit = Math.max(0, in.read(buffer, 0, buffer.length));
                    if (limit == 0) {
                        terminated = false;
                        set(spanning, 0, spanned);
                        return spanned > 0;
                    }
                }
                int i = pos;
                while (i < limit && buffer[i] != '\n') {
                    i++;
                }
                if (i < limit && spanned == 0) {
                    set(buffer, pos, i);
                    pos = i + 1;
                    terminated = true;
                    return true;
                }
                if (spanned + i - pos > spanning.length) {
                    spanning = Arrays.copyOf(spanning, Math.max(spanning.length * 2, spanned + i - pos));
                }
                System.arraycopy(buffer, pos, spanning, spanned, i - pos);
                spanned += i - pos;
                if (i < limit) {
                    pos = i + 1;
                    terminated = true;
                    set(spanning, 0, spanned);
                    return true;
                }
                pos = limit;
            }
        }

        private void set(char[] line, int start, int end) {
            chars = line;
            from = start;
            to = end;
        }

        int length() {
            return to - from;
        }

        char charAt(int index) {
            return chars[from + index];
        }

        /** Where the next line starts. */
        long position() {
            return bufferStart + pos;
        }
    }

    /** Passes the text through, but from each block's key end to its end writes the tagged scalar instead. */
    private static final class Eliding extends FilterReader {
        private final List<Block> blocks;
        private int next;
        private long position;
        private String insert = "";
        private int inserted;

        Eliding(Reader text, List<Block> blocks) {
            super(text);
            this.blocks = blocks;
        }

        @Override
        public int read(char[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (inserted < insert.length()) {
                int n = Math.min(length, insert.length() - inserted);
                insert.getChars(inserted, inserted + n, target, offset);
                inserted += n;
                return n;
            }
            long until = Long.MAX_VALUE;
            if (next < blocks.size()) {
                Block block = blocks.get(next);
                if (position == block.keyEnd()) {
                    skipFully(in, block.end() - block.keyEnd());
                    position = block.end();
                    insert = " !<" + TAG + "> \"" + next + "\"\n";
                    inserted = 0;
                    next++;
                    return read(target, offset, length);
                }
                until = block.keyEnd();
            }
            int n = in.read(target, offset, (int) Math.min(length, until - position));
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public long skip(long n) {
            throw new UnsupportedOperationException("the parser reads the text from its start to its end");
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** A block's checksums: its fingerprint, taken by the scan, and its lines read again when needed. */
    record BlockChecksums(MetadataReader.Source source, Block block) implements ChecksumSet {

        @Override
        public Fingerprint fingerprint() {
            return block.fingerprint();
        }

        @Override
        public void replay(ChecksumSink sink) throws IOException {
            try (Reader text = source.open()) {
                PlainChecksumBlocks.replay(text, block, sink);
            }
        }
    }
}
