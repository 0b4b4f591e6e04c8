package bbr.artifact.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Backup files in memory for the unit tests of the decorators, able to fail as a place can. */
final class MemoryFiles implements BackupFiles {

    final Map<String, byte[]> stored = new TreeMap<>();
    final List<String> discarded = new ArrayList<>();
    private final String location;
    long failAfterBytes = Long.MAX_VALUE;
    boolean failCommit;
    boolean dropLastByteOnCommit;
    boolean flipAByteOnCommit;

    MemoryFiles(String location) {
        this.location = location;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public StoredFileWriter create(String file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (bytes.size() + len > failAfterBytes) {
                    throw new IOException("No space left on device");
                }
                bytes.write(b, off, len);
            }
        };
        return new StoredFileWriter() {
            private boolean committed;

            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public void commit() throws IOException {
                if (failCommit) {
                    throw new IOException("the store refused the commit");
                }
                byte[] data = bytes.toByteArray();
                if (dropLastByteOnCommit && data.length > 0) {
                    data = java.util.Arrays.copyOf(data, data.length - 1);
                }
                if (flipAByteOnCommit && data.length > 0) {
                    data[data.length / 2] ^= 1;
                }
                stored.put(file, data);
                committed = true;
            }

            @Override
            public void close() {
                if (!committed) {
                    discarded.add(file);
                }
            }
        };
    }

    @Override
    public InputStream open(String file) throws IOException {
        byte[] data = stored.get(file);
        if (data == null) {
            throw new NoSuchFileException(location + "/" + file);
        }
        return new ByteArrayInputStream(data);
    }

    @Override
    public OptionalLong size(String file) {
        byte[] data = stored.get(file);
        return data == null ? OptionalLong.empty() : OptionalLong.of(data.length);
    }

    @Override
    public List<String> list() {
        return List.copyOf(stored.keySet());
    }

    @Override
    public void remove(String file) {
        stored.remove(file);
    }
}
