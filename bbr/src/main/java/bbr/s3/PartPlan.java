package bbr.s3;

/**
 * How big each part of a file is. S3 allows 10,000 parts; since bbr cannot know a file's size before it has
 * streamed, parts grow by one buffer every 1,000 parts, up to every buffer of the place: with 16 MiB buffers and 4
 * in flight a file of up to about 530 GiB fits, and a small file still costs one buffer.
 */
final class PartPlan {

    static final int MAX_PARTS = 10_000;
    private static final int PARTS_PER_STEP = 1_000;

    private final int bufferSize;
    private final int maxBuffers;

    PartPlan(int bufferSize, int maxBuffers) {
        this.bufferSize = bufferSize;
        this.maxBuffers = maxBuffers;
    }

    /** The number of buffers that part {@code number} (from 1) fills. */
    int buffersFor(int number) {
        return Math.min(maxBuffers, 1 + (number - 1) / PARTS_PER_STEP);
    }

    /** The largest file this plan can store, in bytes. */
    long largestFile() {
        long total = 0;
        for (int part = 1; part <= MAX_PARTS; part++) {
            total += (long) buffersFor(part) * bufferSize;
        }
        return total;
    }
}
