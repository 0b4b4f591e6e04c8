package bbr.testbed.bench;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real {@code bin/bbr} in director mode against one VM, as an operator backs up a BOSH Director. */
final class DirectorRuns implements BbrSide {

    private final Path bbr;
    private final Vm vm;
    private final Pinning pinning;

    DirectorRuns(Path bbr, Vm vm, Pinning pinning) {
        this.bbr = bbr;
        this.vm = vm;
        this.pinning = pinning;
    }

    @Override
    public BbrRun backup(Path directory) throws IOException, InterruptedException {
        return Commands.measureLines(pinning.client(backupCommand(bbr, vm, Files.createDirectories(directory))),
                () -> Double.NaN);
    }

    @Override
    public BbrRun restore(Path directory) throws IOException, InterruptedException {
        return Commands.measureLines(pinning.client(command(bbr, vm, "restore", "--artifact-path",
                Artifacts.onlyArtifact(directory).toString())), () -> Double.NaN);
    }

    @Override
    public void close() {
    }

    static ProcessBuilder backupCommand(Path bbr, Vm vm, Path directory) {
        return command(bbr, vm, "backup", "--artifact-path", directory.toString());
    }

    static ProcessBuilder command(Path bbr, Vm vm, String... subcommand) {
        List<String> command = new ArrayList<>(List.of(bbr.toString(), "director", "--host", vm.hostAndPort(),
                "--username", vm.username(), "--private-key-path", vm.privateKeyPath().toString()));
        command.addAll(List.of(subcommand));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
}
