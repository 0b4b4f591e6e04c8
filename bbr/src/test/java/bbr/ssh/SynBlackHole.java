package bbr.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A port on 127.0.0.1 that never answers a TCP connect, as a firewalled or vanished host: python3 attaches a
 * drop-everything socket filter to a listener (see {@code syn-black-hole.py}), so the condition does not depend on
 * how this kernel treats a full accept queue.
 */
final class SynBlackHole implements AutoCloseable {

    private final Process python;
    private final int port;

    private SynBlackHole(Process python, int port) {
        this.python = python;
        this.port = port;
    }

    static SynBlackHole open(Path scratch) throws IOException {
        Path script = scratch.resolve("syn-black-hole.py");
        try (InputStream in = SynBlackHole.class.getResourceAsStream("syn-black-hole.py")) {
            Files.copy(in, script);
        }
        Process python = new ProcessBuilder("python3", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null) {
            python.destroyForcibly();
            throw new IOException("python3 could not open the black-hole port; its error is above");
        }
        return new SynBlackHole(python, Integer.parseInt(line.strip()));
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        python.destroyForcibly();
    }
}
