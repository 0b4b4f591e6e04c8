package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deletes the test bed's directory trees without ever reaching outside them. */
public final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /**
     * Deletes {@code dir} and everything in it. Symbolic links are deleted, never followed (a VM's copy of /etc
     * has links such as mtab -> /proc/self/mounts), and a tree with a host mount inside is refused outright:
     * deleting through a mount could destroy what it shows.
     */
    public static void delete(Path dir) {
        if (!HostMounts.under(dir).isEmpty()) {
            throw new TestBedException("refusing to delete " + dir + ": the host has mounts under it: "
                    + HostMounts.under(dir));
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // another JVM reaping the same leftover got there first
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
