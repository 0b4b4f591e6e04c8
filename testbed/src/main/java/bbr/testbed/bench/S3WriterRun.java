package bbr.testbed.bench;

import bbr.artifact.store.StoredFileWriter;
import bbr.s3.S3Place;
import bbr.s3.S3Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * One measured write of {@code BYTES} in 32 KiB slices (the size an SSH channel hands bbr), in a JVM of its own so
 * that its peak RSS is the writer's alone: {@code s3 s3://BUCKET/PREFIX BYTES} through the S3 place (settings from
 * the environment), or {@code local DIR BYTES} as the local place writes (temporary name, {@code fsync}, rename,
 * directory {@code fsync}).
 */
public final class S3WriterRun {

    private static final int SLICE = 32 * 1024;
    private static final int BLOCK = 1 << 20;

    private S3WriterRun() {
    }

    public static void main(String[] args) throws IOException {
        long bytes = Long.parseLong(args[2]);
        if (args[0].equals("s3")) {
            try (S3Place place = S3Place.open(args[1], S3Settings.fromEnvironment(System.getenv()));
                    StoredFileWriter writer = place.create("bench_" + System.nanoTime()).create("bosh-0-data.tar")) {
                write(writer.stream(), bytes);
                writer.commit();
            }
        } else {
            writeLocal(Path.of(args[1]), bytes);
        }
    }

    private static void writeLocal(Path directory, long bytes) throws IOException {
        Path temporary = directory.resolve("bosh-0-data.tar.tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(new OutputStream() {
                @Override
                public void write(int b) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            }, bytes);
            channel.force(true);
        }
        Files.move(temporary, directory.resolve("bosh-0-data.tar"), StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Random bytes, each MiB made different by its number, so that no store can take a shortcut. */
    private static void write(OutputStream out, long bytes) throws IOException {
        byte[] block = new byte[BLOCK];
        new Random(1).nextBytes(block);
        for (long written = 0, number = 0; written < bytes; number++) {
            ByteBuffer.wrap(block).putLong(0, number);
            for (int at = 0; at < BLOCK && written < bytes; at += SLICE) {
                int n = (int) Math.min(SLICE, bytes - written);
                out.write(block, at, n);
                written += n;
            }
        }
    }
}
