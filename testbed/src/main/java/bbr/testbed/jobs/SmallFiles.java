package bbr.testbed.jobs;

import bbr.testbed.vm.Vm;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A blobstore's shape on a VM: many files of 512 random bytes, {@code ./shard-NNN/object-NNNNNN.bin}, a thousand to a
 * directory, plus any extra names (raw bytes). They are written as one tar on the host and unpacked on the VM, which
 * is far faster than writing a million files one by one.
 */
public final class SmallFiles {

    public static final int SIZE = 512;
    private static final int PER_SHARD = 1000;

    private SmallFiles() {
    }

    public static void fill(Vm vm, String directory, int count, List<byte[]> extraNames) throws IOException {
        String tarOnVm = "/tmp/fill.tar";
        Path tar = vm.hostPath(tarOnVm);
        Files.createDirectories(tar.getParent());
        Random random = new Random(17);
        byte[] content = new byte[SIZE];
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20);
             TarArchiveOutputStream out = new TarArchiveOutputStream(file, "ISO-8859-1")) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            for (int i = 0; i < count; i++) {
                random.nextBytes(content);
                add(out, String.format("./shard-%03d/object-%06d.bin", i / PER_SHARD, i)
                        .getBytes(StandardCharsets.US_ASCII), content);
            }
            for (byte[] name : extraNames) {
                random.nextBytes(content);
                add(out, name, content);
            }
        }
        vm.exec("mkdir -p " + directory + " && tar -C " + directory + " -xf " + tarOnVm + " && rm " + tarOnVm,
                Duration.ofMinutes(15)).orThrow();
    }

    /**
     * Makes {@code job}'s restore script move what bbr restored to {@code restored} in one rename (bbr's artifact
     * directory and {@code restored} share the store's file system), and leave bbr an empty directory to remove:
     * copying a million files again would only measure the VM's disk. The caller removes {@code restored}.
     */
    public static void keepRestored(Vm vm, String job, String restored) {
        vm.writeJobScript(job, "restore", "#!/bin/bash\nset -e\nrm -rf " + restored + "\nmv "
                + "\"$BBR_ARTIFACT_DIRECTORY\" " + restored + "\nmkdir \"$BBR_ARTIFACT_DIRECTORY\"\n");
    }

    /** One digest of every file's name and content under {@code directory}, by coreutils on the VM. */
    public static String treeDigest(Vm vm, String directory, Duration timeout) {
        return vm.exec("cd " + directory + " && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum"
                + " | sha256sum", timeout).orThrow().stdout().strip();
    }

    private static void add(TarArchiveOutputStream out, byte[] name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(new String(name, StandardCharsets.ISO_8859_1));
        entry.setSize(content.length);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }
}
