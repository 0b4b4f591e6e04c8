package bbr.testbed.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks, before any VM starts, that this machine can run the test bed, and says what to install if not. */
final class HostRequirements {

    private static final Map<String, String> PROGRAMS = Map.of(
            "/usr/sbin/sshd", "openssh-server",
            "/usr/bin/ssh-keygen", "openssh-client",
            "/usr/bin/sudo", "sudo",
            "/usr/bin/unshare", "util-linux",
            "/usr/bin/nsenter", "util-linux",
            "/usr/bin/perl", "perl-base");

    private HostRequirements() {
    }

    static void check() {
        List<String> problems = new ArrayList<>();
        if (!isRoot()) {
            problems.add("the test bed needs root (mount namespaces, useradd, a real sshd)");
        }
        PROGRAMS.forEach((program, debianPackage) -> {
            if (!Files.isExecutable(Path.of(program))) {
                problems.add(program + " is missing: apt-get install " + debianPackage);
            }
        });
        if (!problems.isEmpty()) {
            throw new TestBedException("cannot start test bed VMs: " + String.join("; ", problems));
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0")); // real, effective, saved, fs: effective
        } catch (IOException e) {
            return false;
        }
    }
}
