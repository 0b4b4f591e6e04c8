package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run's directory under the test bed root (a VM farm's, an S3 server's), labelled with the JVM that owns it so
 * leftovers can be told apart.
 */
public final class RunDirectory {

    private static final String OWNER_FILE = "owner";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    public static RunDirectory create(Path root) {
        ProcessHandle self = ProcessHandle.current();
        Path dir = root.resolve("run-" + LocalDateTime.now().format(STAMP) + "-" + self.pid() + "-"
                + SEQUENCE.incrementAndGet());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(OWNER_FILE), self.pid() + " " + startMillis(self).orElse(0L) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test bed run directory " + dir, e);
        }
        return new RunDirectory(dir);
    }

    static RunDirectory existing(Path dir) {
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /**
     * Whether the JVM that created this run is gone. The start time is compared as well as the pid, because
     * pids are reused; a run still being created (no owner file yet) counts as abandoned only after a minute.
     */
    boolean isAbandoned() {
        Path ownerFile = dir.resolve(OWNER_FILE);
        try {
            if (!Files.exists(ownerFile)) {
                return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minusSeconds(60));
            }
            String[] owner = Files.readString(ownerFile).trim().split(" ");
            long pid = Long.parseLong(owner[0]);
            long started = Long.parseLong(owner[1]);
            return ProcessHandle.of(pid).flatMap(RunDirectory::startMillis).map(s -> s != started).orElse(true);
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: leave it rather than risk killing a live run
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
