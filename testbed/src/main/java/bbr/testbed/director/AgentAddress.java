package bbr.testbed.director;

import bbr.testbed.vm.Vm;

/**
 * The address an agent reports for its VM: SSH results' {@code ip} and VM infos' {@code ips}. A Director knows
 * only IPs and bbr dials IP:22, unless the string already holds one ':' (director-api.md §7.5, §10.3), so a VM
 * that listens elsewhere is reported as "IP:PORT", as bbr's own integration tests do. The same string goes into
 * {@code ips}, because bbr finds the bootstrap instance by looking the SSH {@code ip} up in {@code ips} (§6.5).
 */
final class AgentAddress {

    private AgentAddress() {
    }

    static String of(Vm vm, boolean alwaysWithPort) {
        return vm.port() == 22 && !alwaysWithPort ? vm.host() : vm.host() + ":" + vm.port();
    }
}
