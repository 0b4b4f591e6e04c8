package bbr.encoding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh age key pair made by Debian's {@code age-keygen}, the tool operators use. */
record AgeKeys(Path identityFile, String recipient) {

    static AgeKeys generate(Path directory, String name) throws IOException, InterruptedException {
        Path identity = directory.resolve(name + ".txt");
        Process process = new ProcessBuilder("age-keygen", "-o", identity.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("age-keygen failed: " + output);
        }
        String recipient = Files.readAllLines(identity).stream().filter(l -> l.startsWith("# public key: "))
                .map(l -> l.substring("# public key: ".length())).findFirst().orElseThrow();
        return new AgeKeys(identity, recipient);
    }
}
