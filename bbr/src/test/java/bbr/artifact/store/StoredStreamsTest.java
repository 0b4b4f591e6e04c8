package bbr.artifact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A discarded file's encoder is closed (zstd frees its native context only then), and nothing of it is stored. */
class StoredStreamsTest {

    @Test
    void aFileDiscardedHalfWay_closesItsEncoder_withoutWritingItsEndToThePlace() throws IOException {
        MemoryFiles files = new MemoryFiles("memory");
        TrailerEncoding encoding = new TrailerEncoding();
        StoredStreams.Writing writing = StoredStreams.write(files.create("job.tar.x"), encoding);
        writing.plain().write(new byte[3 << 20]); // more than the write-behind's buffers: some reached the encoder

        writing.discard();

        assertThat(encoding.closed).as("the encoder was closed").isTrue();
        assertThat(files.discarded).containsExactly("job.tar.x");
        assertThat(files.stored).isEmpty();
    }

    @Test
    void aFileWhosePlaceFailed_closesItsEncoder_whenDiscarded() throws IOException {
        MemoryFiles files = new MemoryFiles("memory");
        files.failAfterBytes = 1 << 20;
        TrailerEncoding encoding = new TrailerEncoding();
        StoredStreams.Writing writing = StoredStreams.write(files.create("job.tar.x"), encoding);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 64; i++) {
                writing.plain().write(new byte[1 << 20]);
            }
            writing.finish();
        }).hasMessage("No space left on device");

        writing.discard();

        assertThat(encoding.closed).isTrue();
        assertThat(files.discarded).containsExactly("job.tar.x");
        assertThat(files.stored).isEmpty();
    }

    @Test
    void aFinishedFile_isStoredWithItsEnd_andDiscardAfterwardsKeepsIt() throws IOException {
        MemoryFiles files = new MemoryFiles("memory");
        TrailerEncoding encoding = new TrailerEncoding();
        StoredStreams.Writing writing = StoredStreams.write(files.create("job.tar.x"), encoding);
        writing.plain().write("data".getBytes(StandardCharsets.UTF_8));

        StoredStreams.Stored stored = writing.finish();
        writing.discard();

        assertThat(new String(files.stored.get("job.tar.x"), StandardCharsets.UTF_8)).isEqualTo("data<end>");
        assertThat(stored.size()).isEqualTo(9);
        assertThat(files.discarded).isEmpty();
    }

    /** Writes {@code <end>} on close, as an encoder writes its last frame; records that it was closed. */
    private static final class TrailerEncoding implements Encoding {
        volatile boolean closed;

        @Override
        public String name() {
            return "x";
        }

        @Override
        public String suffix() {
            return ".x";
        }

        @Override
        public OutputStream encode(OutputStream stored) {
            return new FilterOutputStream(stored) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    closed = true;
                    out.write("<end>".getBytes(StandardCharsets.UTF_8));
                    out.close();
                }
            };
        }

        @Override
        public Encoding forManifest() {
            return this;
        }
    }
}
