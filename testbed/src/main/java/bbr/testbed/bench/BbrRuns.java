package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code bin/bbr} in director mode against each VM, all VMs at once, as operators script it. */
final class BbrRuns {

    private BbrRuns() {
    }

    static double backup(Path bbr, List<Vm> vms, Path directory) throws IOException, InterruptedException {
        List<ProcessBuilder> commands = new ArrayList<>();
        for (Vm vm : vms) {
            Path target = Files.createDirectories(directory.resolve(vm.name()));
            commands.add(bbr(bbr, vm, "backup", "--artifact-path", target.toString()));
        }
        return Commands.timeAll(commands);
    }

    static double restore(Path bbr, List<Vm> vms, Path directory) throws IOException, InterruptedException {
        List<ProcessBuilder> commands = new ArrayList<>();
        for (Vm vm : vms) {
            Path artifact;
            try (var entries = Files.list(directory.resolve(vm.name()))) {
                artifact = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            commands.add(bbr(bbr, vm, "restore", "--artifact-path", artifact.toString()));
        }
        return Commands.timeAll(commands);
    }

    private static ProcessBuilder bbr(Path bbr, Vm vm, String... subcommand) {
        List<String> command = new ArrayList<>(List.of(bbr.toString(), "director", "--host", vm.hostAndPort(),
                "--username", vm.username(), "--private-key-path", vm.privateKeyPath().toString()));
        command.addAll(List.of(subcommand));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
}
