package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pieces of the upload path that hold memory: parts, their plan, and the buffer pool. */
class PartsTest {

    @Test
    void plan_growsPartsEveryThousand_upToEveryBuffer_andSaysTheLargestFile() {
        PartPlan plan = new PartPlan(16 << 20, 4);

        assertThat(plan.buffersFor(1)).isEqualTo(1);
        assertThat(plan.buffersFor(1000)).isEqualTo(1);
        assertThat(plan.buffersFor(1001)).isEqualTo(2);
        assertThat(plan.buffersFor(3001)).isEqualTo(4);
        assertThat(plan.buffersFor(10_000)).isEqualTo(4);
        assertThat(plan.largestFile()).isEqualTo(544_000L << 20);
        assertThat(new PartPlan(16 << 20, 1).largestFile()).isEqualTo(160_000L << 20);
    }

    @Test
    void part_fillsAcrossItsBuffers_andStreamsAndHashesExactlyWhatItHolds() throws Exception {
        Part part = new Part(1, List.of(new byte[10], new byte[10]), 10);
        byte[] data = new byte[25];
        new Random(1).nextBytes(data);

        assertThat(part.fill(data, 0, 7)).isEqualTo(7);
        assertThat(part.fill(data, 7, 18)).isEqualTo(13);
        assertThat(part.isFull()).isTrue();

        byte[] expected = java.util.Arrays.copyOf(data, 20);
        assertThat(part.stream().readAllBytes()).isEqualTo(expected);
        assertThat(part.stream().readAllBytes()).as("again, for a retry").isEqualTo(expected);
        assertThat(part.md5()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(expected)));
    }

    @Test
    void buffers_areNeverMoreThanTheirCount_andAreReused() throws Exception {
        PartBuffers buffers = new PartBuffers(1024, 2);
        List<byte[]> first = buffers.take(1);
        List<byte[]> second = buffers.take(1);

        CompletableFuture<List<byte[]>> third = CompletableFuture.supplyAsync(() -> take(buffers, 1));
        Thread.sleep(200);
        assertThat(third).as("waits while both buffers are out").isNotDone();

        buffers.give(first);
        assertThat(third.get(10, TimeUnit.SECONDS).get(0)).isSameAs(first.get(0));
        buffers.give(second);
        buffers.give(third.get());
        assertThat(buffers.take(2)).containsExactlyInAnyOrder(first.get(0), second.get(0));
    }

    @Test
    void aPartNeedingSeveralBuffers_takesThemTogether_soTwoWritersCannotDeadlock() throws Exception {
        PartBuffers buffers = new PartBuffers(1024, 2);
        List<byte[]> one = buffers.take(1);

        CompletableFuture<List<byte[]>> both = CompletableFuture.supplyAsync(() -> take(buffers, 2));
        Thread.sleep(200);
        assertThat(both).isNotDone();

        buffers.give(one);
        assertThat(both.get(10, TimeUnit.SECONDS)).hasSize(2);
    }

    private static List<byte[]> take(PartBuffers buffers, int n) {
        try {
            return buffers.take(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
