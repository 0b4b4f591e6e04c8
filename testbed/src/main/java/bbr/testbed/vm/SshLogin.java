package bbr.testbed.vm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One SSH connection that a VM's sshd accepted, as its log reports it. */
public record SshLogin(String user, String method, String sourceAddress, int sourcePort) {

    // OpenSSH logs exactly one such line per authenticated connection (auth2.c, auth_log), at level INFO:
    // "Accepted publickey for vcap from 127.0.0.1 port 36740 ssh2: RSA SHA256:..."
    private static final Pattern ACCEPTED =
            Pattern.compile("Accepted (\\S+) for (\\S+) from (\\S+) port (\\d+)");

    /** The login a line of sshd's log records, if it records one. */
    static Optional<SshLogin> parse(String logLine) {
        Matcher m = ACCEPTED.matcher(logLine);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new SshLogin(m.group(2), m.group(1), m.group(3), Integer.parseInt(m.group(4))));
    }
}
