package bbr.faults;

import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.jobs.JobScripts;
import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small helpers shared by the fault tests. */
final class Fixtures {

    private Fixtures() {
    }

    static String[] directorArgs(Vm vm, String... subcommand) {
        return DirectorFlags.forVm(vm, subcommand);
    }

    static List<String> events(Vm vm) {
        return vm.exists(JobScripts.EVENTS) ? vm.readString(JobScripts.EVENTS).lines().toList() : List.of();
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    static void sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed: " + output);
        }
    }
}
