package bbr.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.sshd.client.config.hosts.KnownHostHashValue;

/**
 * What the known_hosts check made of the key a host presented, worded for the operator; OpenSSH's "REMOTE HOST
 * IDENTIFICATION HAS CHANGED" warning is the model for what a refusal says.
 *
 * @param kind      the verdict
 * @param target    the host, as bbr was told to reach it
 * @param file      the known_hosts file
 * @param presented the key the host presented
 * @param listed    the keys the file lists for the host (or, for {@link Kind#CHANGED_DURING_RUN}, the one accepted
 *                  earlier in the run)
 * @param problem   why the file could not be read ({@link Kind#UNREADABLE}); null otherwise
 */
record HostKeyVerdict(Kind kind, SshTarget target, Path file, PublicKey presented, List<PublicKey> listed,
                      String problem) {

    /** The cases that OpenSSH tells apart too. */
    enum Kind {
        MATCHED, UNLISTED, CHANGED, REVOKED, UNREADABLE, CHANGED_DURING_RUN
    }

    private static final String REFUSING = ": refusing to connect (nothing was run on the host)";
    private static final String INTERCEPTED = "Someone could be intercepting the connection (a man-in-the-middle"
            + " attack), or the host key was replaced.";

    HostKeyVerdict {
        listed = List.copyOf(listed);
    }

    /** The log line for an accepted key: which key, and whether the file vouched for it. */
    String accepted(String role) {
        String subject = "Host key of " + role + target.address();
        switch (kind) {
            case MATCHED:
                return subject + " matches " + file + ": " + HostKeyPolicy.describe(presented);
            case UNLISTED:
                return subject + " not checked: the host is not in " + fileName() + ". Accepted "
                        + HostKeyPolicy.describe(presented) + "; list the host in " + file
                        + " to have its key checked from now on.";
            case CHANGED:
                return subject + " does not match " + file + ", which lists " + listedKeys(", ") + " for it; the host"
                        + " presented " + HostKeyPolicy.describe(presented) + ". " + INTERCEPTED
                        + " Connecting anyway, as " + KnownHosts.STRICT_VARIABLE + "=no asks.";
            default:
                throw new IllegalStateException(kind + " is never accepted");
        }
    }

    /** The error message for a refused key: what was expected, what came, and what to do. */
    String refusal() {
        String presentedLine = "\n  the host presented: " + HostKeyPolicy.describe(presented);
        switch (kind) {
            case CHANGED:
                return "ssh: the host key of " + target.address() + " does not match the one in " + file + REFUSING
                        + "\n  known_hosts lists:  " + listedKeys("\n                      ") + presentedLine
                        + "\n" + INTERCEPTED
                        + "\nIf it was replaced, check the new fingerprint with the host's administrator, then remove"
                        + " the old entry with\n  ssh-keygen -f " + quoted(file.toString()) + " -R "
                        + quoted(KnownHostHashValue.createHostPattern(target.host(), target.port()))
                        + "\nand add the new key.";
            case REVOKED:
                return "ssh: the host key of " + target.address() + " is marked @revoked in " + file + REFUSING
                        + presentedLine;
            case UNLISTED:
                return "ssh: " + target.address() + " is not in " + fileName() + " and "
                        + KnownHosts.STRICT_VARIABLE + "=yes" + REFUSING + presentedLine
                        + "\nTo trust the host, check that fingerprint with its administrator, then add its key to "
                        + file + ".";
            case UNREADABLE:
                return "ssh: cannot check the host key of " + target.address() + ": cannot read " + file + ": "
                        + problem + REFUSING;
            case CHANGED_DURING_RUN:
                return "ssh: the host key of " + target.address() + " changed during this run" + REFUSING
                        + "\n  accepted earlier:   " + listedKeys(", ") + presentedLine
                        + "\nSomeone could be intercepting the connection (a man-in-the-middle attack).";
            default:
                throw new IllegalStateException(kind + " is never refused");
        }
    }

    private String fileName() {
        return Files.exists(file) ? file.toString() : file + " (no such file)";
    }

    private String listedKeys(String separator) {
        return listed.stream().map(HostKeyPolicy::describe).collect(Collectors.joining(separator));
    }

    /** Quoted for a POSIX shell, as OpenSSH quotes the ssh-keygen command it suggests ("[host]:port" globs). */
    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
