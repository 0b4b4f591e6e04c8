package bbr.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One deployment's log under {@code --all-deployments}, {@code DEPLOYMENT_TIMESTAMP.log} (mode 0644): written line by
 * line as the run goes, so a killed bbr leaves the story so far, and kept in memory to be shown again on the
 * console if the deployment fails, as the original does.
 */
final class DeploymentLogFile implements Closeable {

    private final OutputStream file;
    private final StringBuilder text = new StringBuilder();
    private boolean writable = true;

    private DeploymentLogFile(OutputStream file) {
        this.file = file;
    }

    /** @throws IOException worded like Go's {@code open PATH: no such file or directory} */
    static DeploymentLogFile create(Path path) throws IOException {
        try {
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            return new DeploymentLogFile(out);
        } catch (NoSuchFileException e) {
            throw new IOException("open " + path + ": no such file or directory", e);
        } catch (IOException e) {
            throw new IOException("open " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends one line; a failing disk loses the file's copy, never the run or the console's. */
    synchronized void println(String line) {
        text.append(line).append('\n');
        if (!writable) {
            return;
        }
        try {
            file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            file.flush();
        } catch (IOException e) {
            writable = false;
        }
    }

    /** Everything logged so far, each line ending in a newline. */
    synchronized String text() {
        return text.toString();
    }

    /** Closing cannot fail the deployment's run: every line was flushed already. */
    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            writable = false;
        }
    }
}
