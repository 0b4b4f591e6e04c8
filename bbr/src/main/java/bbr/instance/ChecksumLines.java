package bbr.instance;

import bbr.artifact.ChecksumSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Parses the VM's NUL-terminated checksum records ({@code HASH  NAME} or {@code HASH *NAME}: 64 hex digits, two
 * characters, then the name's raw bytes) as they stream in, handing each to a sink. Only the record being read is
 * held.
 */
final class ChecksumLines extends OutputStream {

    private static final int HASH = 64;
    private static final int NAME_START = HASH + 2;

    private final ChecksumSink sink;
    private byte[] record = new byte[256];
    private int length;

    ChecksumLines(ChecksumSink sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == 0) {
                emit();
            } else {
                if (length == record.length) {
                    record = Arrays.copyOf(record, record.length * 2);
                }
                record[length++] = bytes[i];
            }
        }
    }

    private void emit() throws IOException {
        if (length > NAME_START) {
            sink.accept(Arrays.copyOfRange(record, NAME_START, length), Arrays.copyOf(record, HASH));
        }
        length = 0;
    }

    /** A last record without its NUL still counts, as the whole-output parser it replaces counted it. */
    @Override
    public void close() throws IOException {
        emit();
    }
}
