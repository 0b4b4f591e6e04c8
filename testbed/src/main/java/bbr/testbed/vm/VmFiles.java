package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The files of one VM's private directories, reached from the host: /var/vcap, /home and /tmp through the host
 * directories bind-mounted into the VM (as fast as local files, the right place for big ones, still there after
 * an sshd restart); /etc, /run and the rest of /var, which live in the VM's tmpfs mounts, through the VM's init.
 */
final class VmFiles {

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };
    private static final List<Path> THROUGH_INIT = List.of(Path.of("/etc"), Path.of("/run"), Path.of("/var"));

    /** VM directory → host directory, most specific first; other directories of the VM are the host's own. */
    private final Map<Path, Path> boundRoots = new LinkedHashMap<>();
    private final UnaryOperator<Path> throughInit;

    /** {@code throughInit} maps a path of the VM to where the host reaches it through the VM's init. */
    VmFiles(Path vmDir, UnaryOperator<Path> throughInit) {
        this.throughInit = throughInit;
        boundRoots.put(Path.of("/var/vcap"), vmDir.resolve("vcap"));
        boundRoots.put(Path.of("/home"), vmDir.resolve("home"));
        boundRoots.put(Path.of("/tmp"), vmDir.resolve("tmp"));
    }

    /** Where a file of the VM can be read and written from the host; only the VM's private directories have one. */
    Path hostPath(String vmPath) {
        Path path = Path.of(vmPath);
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw new IllegalArgumentException("not an absolute, normalized path: " + vmPath);
        }
        for (Map.Entry<Path, Path> root : boundRoots.entrySet()) {
            if (path.startsWith(root.getKey())) {
                return root.getValue().resolve(root.getKey().relativize(path).toString());
            }
        }
        if (THROUGH_INIT.stream().anyMatch(path::startsWith)) {
            return throughInit.apply(path);
        }
        // Writing to /usr or /opt "in the VM" would change the host itself.
        throw new IllegalArgumentException(vmPath + " is not in a private directory of the VM "
                + "(/var/vcap, /home, /tmp, /etc, /run, /var)");
    }

    /** Writes a root-owned file with the given mode (e.g. 0755), creating its missing parent directories. */
    void write(String vmPath, byte[] content, int mode) {
        Path file = hostPath(vmPath);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.setPosixFilePermissions(file, permissions(mode));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + vmPath, e);
        }
    }

    byte[] read(String vmPath) {
        try {
            return Files.readAllBytes(hostPath(vmPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + vmPath, e);
        }
    }

    boolean exists(String vmPath) {
        return Files.exists(hostPath(vmPath), LinkOption.NOFOLLOW_LINKS);
    }

    void createDirectories(String vmPath) {
        try {
            Files.createDirectories(hostPath(vmPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + vmPath, e);
        }
    }

    /** Sets numeric ownership: the names belong to the VM's /etc/passwd, not to the host's. */
    void chown(String vmPath, int uid, int gid) {
        Path file = hostPath(vmPath);
        try {
            Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot chown " + vmPath, e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("only permission bits (0777) are supported: "
                    + Integer.toOctalString(mode));
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }
}
