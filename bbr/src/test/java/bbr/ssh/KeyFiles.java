package bbr.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes private key files with OpenSSH's own {@code ssh-keygen}, so tests read what operators really have. */
final class KeyFiles {

    private KeyFiles() {
    }

    /** {@code ssh-keygen -t type [-m format] -N passphrase -f file}; format null means OpenSSH's default. */
    static Path generate(Path file, String type, String format, String passphrase)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", "test", "-f", file.toString()));
        if (format != null) {
            command.addAll(List.of("-m", format));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + output);
        }
        return file;
    }

    static Path generate(Path file, String type) throws IOException, InterruptedException {
        return generate(file, type, null, "");
    }
}
