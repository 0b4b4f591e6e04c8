package bbr.testbed;

import bbr.testbed.jobs.DemoJobs;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local sandbox: starts a test-bed director VM with demo jobs and data, runs the real {@code bin/bbr}
 * backup and restore against it, checks every byte came back, and tears everything down.
 */
public final class Sandbox {

    private Sandbox() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path artifacts = Files.createDirectories(root.resolve("sandbox-artifacts"));
        try (VmFarm farm = VmFarm.start(1)) {
            Vm vm = farm.vm(0);
            DemoJobs.install(vm);
            String before = vm.exec("cd /var/vcap/store && find database blobstore -type f -print0 | sort -z"
                    + " | xargs -0 sha256sum").orThrow().stdout();
            step("backup", bbr(root, vm, "backup", "--artifact-path", artifacts.toString()));
            Path artifact = newest(artifacts);
            System.out.println("\nArtifact: " + artifact);
            vm.exec("rm -rf /var/vcap/store/database /var/vcap/store/blobstore").orThrow();
            step("restore", bbr(root, vm, "restore", "--artifact-path", artifact.toString()));
            String after = vm.exec("cd /var/vcap/store && find database blobstore -type f -print0 | sort -z"
                    + " | xargs -0 sha256sum").orThrow().stdout();
            if (!before.equals(after)) {
                throw new IllegalStateException("restored data differs from the original");
            }
            System.out.println("\nSandbox OK: backup and restore of " + vm.hostAndPort()
                    + " round-tripped every byte.");
            System.out.println("Try more while a VM runs, e.g. in a test: bin/bbr director --host " + vm.hostAndPort()
                    + " --username " + vm.username() + " --private-key-path KEY pre-backup-check");
        }
    }

    private static int bbr(Path root, Vm vm, String... subcommand) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/bbr").toString(), "director", "--host",
                vm.hostAndPort(), "--username", vm.username(), "--private-key-path", vm.privateKeyPath().toString()));
        command.addAll(List.of(subcommand));
        System.out.println("\n$ " + String.join(" ", command));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static void step(String name, int exitCode) {
        if (exitCode != 0) {
            throw new IllegalStateException("bbr " + name + " failed with exit code " + exitCode);
        }
    }

    private static Path newest(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).max(java.util.Comparator.comparing(Path::getFileName))
                    .orElseThrow();
        }
    }
}
