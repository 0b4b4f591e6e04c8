package bbr.instance;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.log.Logger;
import bbr.remote.CommandResult;
import bbr.remote.RemoteRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar length that the copy progress counts against, summed by VmShell's own command line, against the length of
 * GNU tar's real stream of the same directory; the command runs in a local shell here, as it runs on a VM.
 */
class VmShellSizeTest {

    @TempDir
    Path dir;

    @Test
    void tarLength_isTheLengthOfTheTarStream_forManySmallFilesLongNamesHardLinksAndNewlines() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/sub"));
        for (int i = 0; i < 400; i++) {
            Files.write(data.resolve("f" + i), new byte[i * 13 % 2000]);
        }
        Files.writeString(data.resolve("x".repeat(180)), "long name");
        Files.createDirectories(data.resolve("d".repeat(120)));
        Files.writeString(data.resolve("new\nline"), "newline");
        Files.createLink(data.resolve("hard"), data.resolve("f7"));
        VmShell.DirectorySize size = new VmShell(new LocalShell(), Logger.discarding(), null)
                .sizeOf(dir.resolve("data").toString());
        Process tar = new ProcessBuilder("tar", "-C", dir.resolve("data").toString(), "-c", ".").start();
        long length = tar.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(tar.waitFor()).isZero();
        assertThat(size.tar()).isEqualTo(length);
        assertThat(size.du()).isGreaterThan(length); // 4 KiB blocks for small files
    }

    /** Runs commands in a local bash, as root runs them on a VM. */
    private static final class LocalShell implements RemoteRunner {
        @Override
        public String address() {
            return "localhost";
        }

        @Override
        public CommandResult run(String command, InputStream stdin, OutputStream stdout) throws IOException {
            Process process = new ProcessBuilder("bash", "-c", command).start();
            process.getOutputStream().close();
            process.getInputStream().transferTo(stdout == null ? OutputStream.nullOutputStream() : stdout);
            String stderr = new String(process.getErrorStream().readAllBytes());
            try {
                return new CommandResult(process.waitFor(), stderr);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
