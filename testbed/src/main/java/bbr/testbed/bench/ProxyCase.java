package bbr.testbed.bench;

import bbr.testbed.vm.OpenSshSocksProxy;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code BOSH_ALL_PROXY} costs: a director backup of 256 MiB straight to the VM, against the same backup through
 * a jumpbox VM, as {@code ssh+socks5://} (bbr's own tunnel) and as {@code socks5://} to an OpenSSH {@code ssh -D}.
 * The three take turns in every round, so that they see the same machine.
 */
final class ProxyCase {

    static final String NAME = "proxy-256mib";

    private static final long MIB_256 = 256L << 20;

    private ProxyCase() {
    }

    static void run(BenchSettings settings) throws Exception {
        try (VmFarm farm = VmFarm.start(2)) {
            Vm jumpbox = farm.vm(0);
            Vm target = farm.vm(1);
            DataJob.install(target);
            DataJob.addToOneFile(target, settings.bytes(MIB_256));
            String tunnel = "ssh+socks5://" + jumpbox.username() + "@" + jumpbox.hostAndPort() + "?private-key="
                    + jumpbox.privateKeyPath();
            try (OpenSshSocksProxy socks = OpenSshSocksProxy.start(jumpbox, settings.work().resolve("ssh-D.log"))) {
                List<Double> direct = new ArrayList<>();
                List<Double> viaTunnel = new ArrayList<>();
                List<Double> viaSocks = new ArrayList<>();
                for (int round = 0; round < settings.rounds(); round++) {
                    direct.add(backup(settings, target, null, "direct-" + round));
                    viaTunnel.add(backup(settings, target, tunnel, "tunnel-" + round));
                    viaSocks.add(backup(settings, target, "socks5://127.0.0.1:" + socks.port(), "socks-" + round));
                }
                Table.row(NAME, "backup s, ssh+socks5 tunnel", Table.median(direct), Table.median(viaTunnel), 0);
                Table.row(NAME, "backup s, socks5 via ssh -D", Table.median(direct), Table.median(viaSocks), 0);
            }
        }
    }

    private static double backup(BenchSettings settings, Vm vm, String proxy, String name)
            throws IOException, InterruptedException {
        Path artifacts = Files.createDirectories(settings.work().resolve(name));
        ProcessBuilder command = DirectorRuns.backupCommand(settings.bbr(), vm, artifacts);
        if (proxy != null) {
            command.environment().put("BOSH_ALL_PROXY", proxy);
        }
        double seconds = Commands.time(command);
        Commands.deleteTree(artifacts);
        return seconds;
    }
}
