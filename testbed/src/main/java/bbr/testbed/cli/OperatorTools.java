package bbr.testbed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tools an operator opens artifacts with, Debian's {@code age}, {@code age-keygen} and {@code zstd}: the
 * independent readers and writers that check bbr's formats in tests and the second pass the benchmark compares to.
 */
public final class OperatorTools {

    /** An age key pair as {@code age-keygen} writes it. */
    public record AgeKey(Path identityFile, String recipient) {
    }

    private OperatorTools() {
    }

    public static AgeKey ageKeygen(Path directory, String name) {
        Path identity = directory.resolve(name + ".key");
        sh("age-keygen -o '" + identity + "' 2>/dev/null");
        try {
            String recipient = Files.readAllLines(identity).stream().filter(l -> l.startsWith("# public key: "))
                    .map(l -> l.substring("# public key: ".length())).findFirst().orElseThrow();
            return new AgeKey(identity, recipient);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} with {@code sh -c} and returns its stdout; fails with its stderr when it fails. */
    public static String sh(String command) {
        try {
            Process process = new ProcessBuilder("sh", "-c", command).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Flips one bit of the byte at {@code offset} (negative: from the end). */
    public static void flipByte(Path file, long offset) {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            long position = offset >= 0 ? offset : channel.size() + offset;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
            channel.write(one, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
