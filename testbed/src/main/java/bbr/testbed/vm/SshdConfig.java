package bbr.testbed.vm;

import java.util.List;
import java.util.stream.Collectors;

/** The sshd_config of a VM: a BOSH stemcell's essentials, tuned for a test client that opens many sessions. */
final class SshdConfig {

    private SshdConfig() {
    }

    static String render(String address, int port, List<String> hostKeyPaths) {
        return String.join("\n",
                "# Written by the bbr test bed for one simulated VM.",
                "ListenAddress " + address,
                "Port " + port,
                hostKeyPaths.stream().map(path -> "HostKey " + path).collect(Collectors.joining("\n")),
                "PidFile none",
                "PubkeyAuthentication yes",
                "AuthorizedKeysFile .ssh/authorized_keys",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin no",
                // Without PAM, sshd itself refuses locked accounts ('!' in shadow); the test bed gives users '*'.
                "UsePAM no",
                // Authorized keys are written by the test bed as root; a real agent gets modes right, we need not.
                "StrictModes no",
                // bbr multiplexes many channels over one connection per VM, and tests start many VMs' bbr runs at once.
                "MaxSessions 100",
                "MaxStartups 200",
                "MaxAuthTries 20",
                "LoginGraceTime 30",
                "UseDNS no",
                "PrintMotd no",
                "PrintLastLog no",
                "X11Forwarding no",
                "Subsystem sftp internal-sftp",
                // VERBOSE adds "Connection from A port P on B port Q" and session starts, which tests may count.
                "LogLevel VERBOSE",
                "");
    }
}
