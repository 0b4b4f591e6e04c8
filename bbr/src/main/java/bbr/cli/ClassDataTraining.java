package bbr.cli;

import bbr.ssh.SshKeys;
import bbr.ssh.TrainingServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What {@code bin/bbr} runs once per build under {@code -XX:ArchiveClassesAtExit}: a {@code director
 * pre-backup-check} against a loopback {@link TrainingServer}, so that the archive holds the classes of a real
 * SSH session and not only those of start-up. Not a bbr command; the launcher's fallback when it fails is a run
 * without the archive, so it only ever costs speed.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(train());
    }

    /** Runs the training; returns the pre-backup-check's exit code, 0 when the whole SSH path was taken. */
    static int train() throws Exception {
        Path scratch = Files.createTempDirectory("bbr-cds-training");
        try {
            SshKeys.GeneratedKey user = SshKeys.generateRsa2048();
            Path key = scratch.resolve("id_rsa");
            Files.writeString(Files.createFile(key, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), SshKeys.pemOf(user.keyPair()));
            try (TrainingServer server = TrainingServer.start(user.keyPair().getPublic())) {
                PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
                return Main.run(nowhere, nowhere, scratch, false, "director", "--host", "127.0.0.1:" + server.port(),
                        "--username", "vcap", "--private-key-path", key.toString(), "pre-backup-check");
            }
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
