package bbr.testbed.director;

import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Logs in to a VM with the real OpenSSH client as a Director-made user, pinning the host key the Director reported
 * (StrictHostKeyChecking=yes), as bbr does with FixedHostKey (director-api.md §7.6).
 */
final class SshLogin {

    private SshLogin() {
    }

    /** Runs {@code command}; returns exit code and output as "CODE\nOUTPUT". */
    static String run(Vm vm, String user, Path privateKey, String reportedHostKey, String command, Path workDir)
            throws IOException, InterruptedException {
        Path knownHosts = Files.createTempFile(workDir, "known_hosts", "");
        String host = vm.port() == 22 ? vm.host() : "[" + vm.host() + "]:" + vm.port();
        Files.writeString(knownHosts, host + " " + reportedHostKey.strip() + "\n");
        Process ssh = new ProcessBuilder(List.of("ssh", "-i", privateKey.toString(), "-p", Integer.toString(vm.port()),
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5",
                user + "@" + vm.host(), command)).redirectErrorStream(true).start();
        ssh.getOutputStream().close();
        String output = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ssh.waitFor(30, TimeUnit.SECONDS)) {
            ssh.destroyForcibly();
        }
        return ssh.exitValue() + "\n" + output;
    }
}
