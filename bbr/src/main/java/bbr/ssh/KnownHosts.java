package bbr.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.apache.sshd.client.config.hosts.KnownHostEntry;

import bbr.log.Level;
import bbr.log.Logger;

/**
 * The operator's OpenSSH known_hosts file ({@code ~/.ssh/known_hosts}, or {@value #FILE_VARIABLE}), how strictly
 * bbr holds hosts to it ({@value #STRICT_VARIABLE}), and at which level a matching key is reported.
 *
 * @param file       the known_hosts file; it may not exist when it is the default one
 * @param strictness what to do with a host that is not listed, or listed with another key
 * @param matchLevel how a matching key is reported: INFO for pre-backup-check, DEBUG otherwise
 */
public record KnownHosts(Path file, Strictness strictness, Level matchLevel) {

    public static final String FILE_VARIABLE = "BBR_KNOWN_HOSTS";
    public static final String STRICT_VARIABLE = "BBR_STRICT_HOST_KEY_CHECKING";

    /** OpenSSH's StrictHostKeyChecking, less the answers that need a terminal or write the file. */
    public enum Strictness {
        /** Unset: a listed host must present a listed key; an unlisted one is accepted, as the original did. */
        DEFAULT,
        /** {@code yes}: a host that is not listed is refused too. */
        YES,
        /** {@code no}: a host presenting another key than the listed ones is accepted, with a warning. */
        NO
    }

    /**
     * Reads {@value #FILE_VARIABLE} and {@value #STRICT_VARIABLE} from {@code environment}.
     *
     * @throws IllegalArgumentException naming the variable whose value is unusable
     */
    public static KnownHosts fromEnvironment(UnaryOperator<String> environment) {
        String named = environment.apply(FILE_VARIABLE);
        Path file;
        if (named == null || named.isEmpty()) {
            file = KnownHostEntry.getDefaultKnownHostsFile();
        } else {
            // bbr never creates the file, so a name that leads nowhere would leave every host unchecked for good.
            file = Path.of(named).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(FILE_VARIABLE + "=" + named + ": no such file");
            }
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(FILE_VARIABLE + "=" + named + ": the file is not readable");
            }
        }
        return new KnownHosts(file, strictness(environment.apply(STRICT_VARIABLE)), Level.DEBUG);
    }

    private static Strictness strictness(String value) {
        if (value == null || value.isEmpty()) {
            return Strictness.DEFAULT;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "yes":
                return Strictness.YES;
            case "no":
                return Strictness.NO;
            default:
                throw new IllegalArgumentException(STRICT_VARIABLE + "=" + value + ": must be yes or no");
        }
    }

    /** These known hosts, with a matching key reported at INFO (pre-backup-check tells every verdict). */
    public KnownHosts reportingMatches() {
        return new KnownHosts(file, strictness, Level.INFO);
    }

    /**
     * The policy for one host (with its reconnections): checks its key against this file and tells {@code logger}
     * once what it accepted.
     *
     * @param role how log lines name the host besides its address: "" or "the jumpbox "
     */
    public HostKeyPolicy policy(String role, Logger logger) {
        return new KnownHostsPolicy(this, role, logger);
    }
}
