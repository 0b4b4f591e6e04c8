package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The physical floor: one plain OpenSSH {@code sudo tar} stream per VM, all VMs at once. */
final class Floor {

    private Floor() {
    }

    static double backup(List<Vm> vms, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        List<ProcessBuilder> commands = new ArrayList<>();
        for (Vm vm : vms) {
            commands.add(ssh(vm, "sudo tar -C /var/vcap/store/data -c .")
                    .redirectOutput(directory.resolve(vm.name() + ".tar").toFile()));
        }
        return Commands.timeAll(commands);
    }

    static double restore(List<Vm> vms, Path directory) throws IOException, InterruptedException {
        List<ProcessBuilder> commands = new ArrayList<>();
        for (Vm vm : vms) {
            vm.exec("rm -rf /var/vcap/store/restored && mkdir -p /var/vcap/store/restored").orThrow();
            commands.add(ssh(vm, "sudo tar -C /var/vcap/store/restored -x")
                    .redirectInput(directory.resolve(vm.name() + ".tar").toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        }
        double seconds = Commands.timeAll(commands);
        for (Vm vm : vms) {
            vm.exec("rm -rf /var/vcap/store/restored").orThrow();
        }
        return seconds;
    }

    private static ProcessBuilder ssh(Vm vm, String command) {
        return new ProcessBuilder("ssh", "-i", vm.privateKeyPath().toString(), "-p", String.valueOf(vm.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR", vm.username() + "@" + vm.host(), command);
    }
}
