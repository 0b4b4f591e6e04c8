package bbr.testbed.cli;

import bbr.testbed.vm.Vm;
import java.util.ArrayList;
import java.util.List;

/** The {@code bbr director} flags that reach a test-bed VM as its operator user. */
public final class DirectorFlags {

    private DirectorFlags() {
    }

    /** {@code director --host … --username … --private-key-path … SUBCOMMAND…} */
    public static String[] forVm(Vm vm, String... subcommand) {
        return forVmAt(vm, vm.hostAndPort(), subcommand);
    }

    /** Like {@link #forVm} with {@code --host} given as {@code host} (e.g. a name only a jumpbox resolves). */
    public static String[] forVmAt(Vm vm, String host, String... subcommand) {
        List<String> args = new ArrayList<>(List.of("director", "--host", host, "--username",
                vm.username(), "--private-key-path", vm.privateKeyPath().toString()));
        args.addAll(List.of(subcommand));
        return args.toArray(String[]::new);
    }
}
