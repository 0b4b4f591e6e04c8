package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Builds one VM: its directories, its sshd config and host key, its namespace, its vcap user, its sshd. */
final class VmProvisioner {

    static final String OPERATOR = "vcap";
    private static final List<String> VCAP_DIRS = List.of("jobs", "packages", "store", "data", "sys/log", "sys/run");

    private final Path initScript;
    private final Future<KeyPairFiles> operatorKey;
    private final List<KeyType> hostKeyTypes;

    /** {@code operatorKey} may still be being generated: a VM needs it only once its namespace is up. */
    VmProvisioner(Path initScript, Future<KeyPairFiles> operatorKey, List<KeyType> hostKeyTypes) {
        this.initScript = initScript;
        this.operatorKey = operatorKey;
        this.hostKeyTypes = List.copyOf(hostKeyTypes);
    }

    Vm provision(int index, Path vmDir, LoopbackEndpoint endpoint)
            throws InterruptedException, ExecutionException {
        String name = "vm-" + index;
        createDirectories(vmDir);
        List<KeyPairFiles> hostKeys = seedEtc(vmDir.resolve("etc-seed"), name, endpoint);
        VmNamespace namespace = VmNamespace.start(initScript, vmDir, name);
        try {
            KeyPairFiles key = operatorKey.get();
            UserAccounts accounts = new UserAccounts(namespace);
            accounts.add(OPERATOR, key.publicKeyLine());
            Sshd sshd = new Sshd(namespace, endpoint.address(), endpoint.port(), vmDir.resolve("sshd.log"));
            sshd.start();
            return new Vm(index, name, endpoint, key, hostKeys, namespace, sshd, accounts,
                    new VmFiles(vmDir, namespace::hostPath));
        } catch (InterruptedException | ExecutionException | RuntimeException | Error e) {
            namespace.kill();
            throw e;
        }
    }

    /** The VM directory: what is bind-mounted into the VM, and empty mount points for its tmpfs mounts. */
    private static void createDirectories(Path vmDir) {
        try {
            for (String dir : List.of("home", "tmp", "etc", "var-layer", "etc-seed/ssh")) {
                Files.createDirectories(vmDir.resolve(dir));
            }
            for (String dir : VCAP_DIRS) {
                Files.createDirectories(vmDir.resolve("vcap").resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + vmDir, e);
        }
    }

    /** ssh_host_{rsa,ed25519,ecdsa}_key, as sshd's own host keys are named. */
    static String hostKeyFileName(KeyType type) {
        return "ssh_host_" + type.keygenName() + "_key";
    }

    /** The files that vm-init.sh lays over its copy of the host's /etc. */
    private List<KeyPairFiles> seedEtc(Path seed, String name, LoopbackEndpoint endpoint) {
        List<KeyPairFiles> hostKeys = hostKeyTypes.stream()
                .map(type -> TestKeys.generate(seed.resolve("ssh"), hostKeyFileName(type), type, KeyFormat.OPENSSH, ""))
                .toList();
        try {
            Files.writeString(seed.resolve("ssh/sshd_config"), SshdConfig.render(endpoint.address(), endpoint.port(),
                    hostKeyTypes.stream().map(type -> "/etc/ssh/" + hostKeyFileName(type)).toList()));
            Files.writeString(seed.resolve("hostname"), name + "\n");
            // sudo resolves the host name and complains on stderr when it cannot: bbr's output must stay clean.
            Files.writeString(seed.resolve("hosts"),
                    Files.readString(Path.of("/etc/hosts")) + endpoint.address() + "\t" + name + "\n");
            return hostKeys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + seed, e);
        }
    }
}
