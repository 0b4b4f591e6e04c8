package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The login users of one VM, managed the way the BOSH agent does for {@code bosh ssh}: a real account in the VM's
 * private /etc with a home, one authorized key and passwordless sudo.
 */
final class UserAccounts {

    // login.defs' UID_MIN and UID_MAX on Debian: the range useradd gives to non-system users.
    private static final int UID_MIN = 1000;
    private static final int UID_MAX = 60000;
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    // The password '*' rather than useradd's default '!': with UsePAM no, sshd refuses key logins to accounts
    // whose password is locked with '!'. The BOSH agent sets a password for the same reason. Files are created
    // with their final owner and mode by install, and filled by bash builtins: every process costs here.
    private static final String ADD = String.join("\n",
            "set -eu",
            "name=$1 key=$2",
            "useradd --create-home --shell /bin/bash --password '*' \"$name\"",
            "keys=/home/$name/.ssh/authorized_keys",
            "install -d -m 0700 -o \"$name\" -g \"$name\" \"/home/$name/.ssh\"",
            "install -m 0600 -o \"$name\" -g \"$name\" /dev/null \"$keys\"",
            "printf '%s\\n' \"$key\" >> \"$keys\"",
            "(umask 0337; printf '%s ALL=(ALL) NOPASSWD: ALL\\n' \"$name\" > \"/etc/sudoers.d/$name\")");

    // --force: like the agent's cleanup, the user goes even while one of its sessions is still open.
    private static final String REMOVE = String.join("\n",
            "set -eu",
            "userdel --force --remove \"$1\"",
            "rm -f \"/etc/sudoers.d/$1\"");

    private final VmNamespace namespace;
    private final Path passwd;

    UserAccounts(VmNamespace namespace) {
        this.namespace = namespace;
        this.passwd = namespace.hostPath(Path.of("/etc/passwd"));
    }

    void add(String name, String authorizedKey) {
        checkName(name);
        namespace.run(List.of("/bin/bash", "-c", ADD, "add-user", name, authorizedKey.strip()), TIMEOUT).orThrow();
    }

    void remove(String name) {
        checkName(name);
        namespace.run(List.of("/bin/bash", "-c", REMOVE, "remove-user", name), TIMEOUT).orThrow();
    }

    /** The names of the non-system users in the VM's /etc/passwd. */
    List<String> loginUsers() {
        return entries().stream()
                .filter(fields -> {
                    int uid = Integer.parseInt(fields[2]);
                    return uid >= UID_MIN && uid <= UID_MAX;
                })
                .map(fields -> fields[0])
                .collect(Collectors.toList());
    }

    /** The numeric uid and gid of a user of this VM: the host's user database knows other users, or none. */
    Optional<Ids> ids(String name) {
        return entries().stream()
                .filter(fields -> fields[0].equals(name))
                .map(fields -> new Ids(Integer.parseInt(fields[2]), Integer.parseInt(fields[3])))
                .findFirst();
    }

    /** A user's numeric ids, as the VM's /etc/passwd has them. */
    record Ids(int uid, int gid) {
    }

    private List<String[]> entries() {
        try {
            return Files.readAllLines(passwd).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split(":"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid user name: " + name);
        }
    }
}
