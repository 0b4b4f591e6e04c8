package bbr.artifact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

    @Test
    void everyByteArrivesInOrder_andCloseWaitsForTheTargetsClose() throws IOException {
        byte[] data = new byte[1_000_003];
        new Random(3).nextBytes(data);
        ClosingBuffer target = new ClosingBuffer();
        try (WriteBehind behind = new WriteBehind(target, 3, 4096, "test-behind")) {
            Random sizes = new Random(5);
            for (int at = 0; at < data.length; ) {
                int n = Math.min(data.length - at, sizes.nextInt(10_000));
                behind.write(data, at, n);
                at += n;
            }
            behind.write(7);
        }
        assertThat(target.closed).isTrue();
        byte[] written = target.toByteArray();
        assertThat(written).hasSize(data.length + 1);
        assertThat(java.util.Arrays.copyOf(written, data.length)).isEqualTo(data);
        assertThat(written[data.length]).isEqualTo((byte) 7);
    }

    @Test
    void theTargetsFailure_failsTheCallersNextWrite_withItsMessage() throws Exception {
        OutputStream failing = new FilterOutputStream(OutputStream.nullOutputStream()) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        WriteBehind behind = new WriteBehind(failing, 2, 16, "test-behind");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                behind.write(new byte[16], 0, 16); // the thread fails on the first buffer: the caller must notice
            }
        }).isInstanceOf(IOException.class).hasMessage("No space left on device");
        assertThatThrownBy(behind::close).hasMessage("No space left on device");
    }

    @Test
    void aFailureOnClose_failsClose() {
        OutputStream failing = new FilterOutputStream(OutputStream.nullOutputStream()) {
            @Override
            public void close() throws IOException {
                throw new IOException("fsync failed");
            }
        };
        WriteBehind behind = new WriteBehind(failing, 2, 16, "test-behind");
        assertThatThrownBy(behind::close).hasMessage("fsync failed");
    }

    @Test
    void abandon_stopsTheThread_withoutClosingTheTarget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ClosingBuffer target = new ClosingBuffer() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.write(bytes, offset, length);
            }
        };
        WriteBehind behind = new WriteBehind(target, 2, 16, "test-behind-abandoned");
        behind.write(new byte[20], 0, 20); // one buffer handed over, the thread stuck writing it
        behind.abandon();
        release.countDown();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("test-behind-abandoned")).findFirst().orElse(null);
        if (thread != null) {
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(target.closed).isFalse();
        assertThatThrownBy(() -> behind.write(1)).hasMessageContaining("after close");
    }

    private static class ClosingBuffer extends ByteArrayOutputStream {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
