package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The physical floor: one plain OpenSSH {@code sudo tar} stream per VM, all VMs at once. */
final class Floor {

    private static final String RESTORED = "/var/vcap/store/restored";

    private Floor() {
    }

    static Timing backup(List<Vm> vms, Path directory, Pinning pinning) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        List<ProcessBuilder> commands = new ArrayList<>();
        for (Vm vm : vms) {
            commands.add(pinning.client(OpenSsh.process(vm, "sudo tar -C " + DataJob.DIRECTORY + " -c ."))
                    .redirectOutput(directory.resolve(vm.name() + ".tar").toFile()));
        }
        return Commands.measureAll(commands);
    }

    static Timing restore(List<Vm> vms, Path directory, Pinning pinning) throws IOException, InterruptedException {
        List<ProcessBuilder> commands = new ArrayList<>();
        for (Vm vm : vms) {
            vm.exec("rm -rf " + RESTORED + " && mkdir -p " + RESTORED).orThrow();
            commands.add(pinning.client(OpenSsh.process(vm, "sudo tar -C " + RESTORED + " -x"))
                    .redirectInput(directory.resolve(vm.name() + ".tar").toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        }
        Timing timing = Commands.measureAll(commands);
        for (Vm vm : vms) {
            // 200,000 just-written files take minutes to remove from this machine's disk (1vm-200k-files)
            vm.exec("rm -rf " + RESTORED, java.time.Duration.ofMinutes(20)).orThrow();
        }
        return timing;
    }
}
