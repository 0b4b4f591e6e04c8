package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.util.List;

/** The baselines' client: plain OpenSSH {@code ssh} as the operator user, one connection per command. */
final class OpenSsh {

    private OpenSsh() {
    }

    static List<String> command(Vm vm, String remoteCommand) {
        return List.of("ssh", "-i", vm.privateKeyPath().toString(), "-p", String.valueOf(vm.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR", vm.username() + "@" + vm.host(), remoteCommand);
    }

    static ProcessBuilder process(Vm vm, String remoteCommand) {
        return new ProcessBuilder(command(vm, remoteCommand));
    }

    /** The same command as one line of a bash script; no word of it may hold a single quote. */
    static String shellLine(Vm vm, String remoteCommand) {
        StringBuilder line = new StringBuilder();
        for (String word : command(vm, remoteCommand)) {
            if (word.contains("'")) {
                throw new IllegalArgumentException("single quote in " + word);
            }
            line.append(line.isEmpty() ? "'" : " '").append(word).append('\'');
        }
        return line.toString();
    }
}
