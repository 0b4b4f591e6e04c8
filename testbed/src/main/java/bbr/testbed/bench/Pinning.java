package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the client and the VMs may run: anywhere, or the client (bbr, or the floor's {@code ssh}) on the first core
 * and every VM on the second, as on a 1-vCPU jumpbox talking to a VM with a core of its own.
 */
enum Pinning {
    NONE, ONE_CORE_EACH;

    private static final String CLIENT_CPU = "0";
    private static final String VM_CPU = "1";

    /** Pins the VMs' sshd, and so every command they run from now on. */
    void pinVms(List<Vm> vms) {
        if (this == ONE_CORE_EACH) {
            vms.forEach(vm -> vm.pinSshdTo(VM_CPU));
        }
    }

    /** {@code command}, run under {@code taskset} when pinned. */
    ProcessBuilder client(ProcessBuilder command) {
        if (this == ONE_CORE_EACH) {
            List<String> pinned = new ArrayList<>(List.of("taskset", "-c", CLIENT_CPU));
            pinned.addAll(command.command());
            command.command(pinned);
        }
        return command;
    }
}
