package bbr.testbed.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * known_hosts entries and fingerprints made by OpenSSH's own tools ({@code ssh-keyscan}, {@code ssh-keygen}), so
 * that tests of bbr's host-key checks read what an operator's {@code ssh} would have written.
 */
public final class OpenSshKnownHosts {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OpenSshKnownHosts() {
    }

    /**
     * {@code ssh-keyscan -t TYPE -p PORT HOST}: the VM's entry for its key of {@code type}, "127.0.0.5 ssh-ed25519
     * AAAA…" on port 22, "[127.0.0.5]:2222 ssh-rsa AAAA…" on another.
     */
    public static String scan(Vm vm, KeyType type) {
        String line = HostCommand.run(List.of("ssh-keyscan", "-t", type.keygenName(), "-p",
                Integer.toString(vm.port()), vm.host()), TIMEOUT).orThrow().stdout().strip();
        if (line.isEmpty()) {
            throw new TestBedException(vm + " presented no " + type + " host key to ssh-keyscan");
        }
        return line;
    }

    /** {@code ssh-keygen -H -f FILE}: hashes the host names of {@code file} in place, as HashKnownHosts does. */
    public static void hash(Path file) {
        HostCommand.run(List.of("ssh-keygen", "-H", "-f", file.toString()), TIMEOUT).orThrow();
        HostCommand.run(List.of("rm", "-f", file + ".old"), TIMEOUT).orThrow();
    }

    /** {@code ssh-keygen -f FILE -R HOST}: removes the host's entries, as bbr's refusal tells the operator to. */
    public static void remove(Path file, String host) {
        HostCommand.run(List.of("ssh-keygen", "-f", file.toString(), "-R", host), TIMEOUT).orThrow();
        HostCommand.run(List.of("rm", "-f", file + ".old"), TIMEOUT).orThrow();
    }

    /**
     * "ssh-ed25519 SHA256:…": the key's algorithm and its fingerprint as {@code ssh-keygen -l -f} prints it
     * ("256 SHA256:… comment (ED25519)").
     */
    public static String fingerprint(KeyPairFiles key) {
        String[] listed = HostCommand.run(List.of("ssh-keygen", "-l", "-f", key.publicKey().toString()), TIMEOUT)
                .orThrow().stdout().split(" ");
        return key.publicKeyLine().split(" ")[0] + " " + listed[1];
    }
}
