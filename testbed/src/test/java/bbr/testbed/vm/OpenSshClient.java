package bbr.testbed.vm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real OpenSSH client, pointed at a test bed VM without host key checks: what a person would type. */
final class OpenSshClient {

    private OpenSshClient() {
    }

    static ExecResult run(Vm vm, String user, Path privateKey, String command) {
        return HostCommand.run(argv(vm, user, privateKey, command), Duration.ofSeconds(30));
    }

    static ExecResult run(Vm vm, String command) {
        return run(vm, vm.username(), vm.privateKeyPath(), command);
    }

    /** Starts the client without waiting, for sessions that a test interrupts. */
    static Process start(Vm vm, String command) throws IOException {
        return HostCommand.builder(argv(vm, vm.username(), vm.privateKeyPath(), command))
                .redirectErrorStream(true)
                .start();
    }

    private static List<String> argv(Vm vm, String user, Path privateKey, String command) {
        return List.of("ssh", "-i", privateKey.toString(), "-p", Integer.toString(vm.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5",
                user + "@" + vm.host(), command);
    }
}
