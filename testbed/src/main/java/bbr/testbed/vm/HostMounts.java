package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The mount points of the JVM's own mount namespace: the host's, which the VMs must never touch. */
public final class HostMounts {

    /** The source name of the small tmpfs disks the test bed mounts (an S3 bucket's full disk), to find them again. */
    public static final String TESTBED_TMPFS = "bbr-testbed-s3";

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private HostMounts() {
    }

    /** Every mount point of the host at or below {@code dir}. */
    public static List<Path> under(Path dir) {
        try {
            return Files.readAllLines(MOUNTINFO).stream()
                    .map(line -> Path.of(unescape(line.split(" ")[4])))
                    .filter(mountPoint -> mountPoint.startsWith(dir))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test bed's own tmpfs mounts at or below {@code dir}: what a run that died left mounted. */
    public static List<Path> testBedTmpfs(Path dir) {
        try {
            return Files.readAllLines(MOUNTINFO).stream()
                    .filter(line -> line.contains(" - tmpfs " + TESTBED_TMPFS + " "))
                    .map(line -> Path.of(unescape(line.split(" ")[4])))
                    .filter(mountPoint -> mountPoint.startsWith(dir))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The kernel writes space, tab, newline and backslash in mount points as octal escapes (\040 ...).
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
