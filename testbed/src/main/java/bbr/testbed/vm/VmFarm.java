package bbr.testbed.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A set of simulated VMs started together and torn down together, leaving no process, mount or directory
 * behind: on {@link #close()}, at JVM shutdown, or (if the JVM was killed) at the next farm's start.
 *
 * <pre>{@code
 * try (VmFarm farm = VmFarm.start(3)) {
 *     Vm vm = farm.vm(0);
 *     vm.writeJobScript("redis", "backup", "#!/bin/bash\n...");
 *     // run bbr against vm.hostAndPort() as vm.username() with vm.privateKeyPath()
 * }
 * }</pre>
 */
public final class VmFarm implements AutoCloseable {

    /** System property that moves the test bed's root directory away from /tmp/bbr-testbed. */
    public static final String ROOT_PROPERTY = "bbr.testbed.root";

    private static final System.Logger LOG = System.getLogger(VmFarm.class.getName());
    private static final Duration TEARDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final RunDirectory run;
    private final List<Vm> vms = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "vm-farm-teardown");
    private KeyPairFiles operatorKey;

    private VmFarm(RunDirectory run) {
        this.run = run;
    }

    public static VmFarm start(int vmCount) {
        return start(FarmOptions.vms(vmCount));
    }

    public static VmFarm start(FarmOptions options) {
        HostRequirements.check();
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, "/tmp/bbr-testbed"));
        Leftovers.reap(root);
        VmFarm farm = new VmFarm(RunDirectory.create(root));
        Runtime.getRuntime().addShutdownHook(farm.shutdownHook);
        try {
            farm.boot(options, new LoopbackAddresses(root.resolve("addresses")));
            return farm;
        } catch (RuntimeException | Error e) {
            farm.close();
            throw e;
        }
    }

    private void boot(FarmOptions options, LoopbackAddresses addresses) {
        List<LoopbackEndpoint> endpoints = reserveEndpoints(options, addresses);
        // In parallel: most of a VM's start is waiting for processes (ssh-keygen, mount, useradd, sshd), and the
        // operator key is generated meanwhile.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.vmCount(), 8) + 1);
        try {
            Path keys = run.path().resolve("keys");
            Future<KeyPairFiles> key = pool.submit(
                    () -> TestKeys.generate(keys, "vcap_id_rsa", KeyType.RSA, KeyFormat.OPENSSH, ""));
            VmProvisioner provisioner = new VmProvisioner(initScript(), key, options.hostKeyTypes());
            List<Future<Vm>> starting = new ArrayList<>();
            for (int i = 0; i < options.vmCount(); i++) {
                int index = i;
                starting.add(pool.submit(() -> provisioner.provision(index, vmDir(index), endpoints.get(index))));
            }
            awaitAll(starting, endpoints);
            operatorKey = key.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestBedException("interrupted while starting VMs", e);
        } catch (ExecutionException e) {
            throw new TestBedException("cannot generate the operator key", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<LoopbackEndpoint> reserveEndpoints(FarmOptions options, LoopbackAddresses addresses) {
        List<LoopbackEndpoint> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i < options.vmCount(); i++) {
                endpoints.add(addresses.reserve(options.preferredSshPort()));
            }
            return endpoints;
        } catch (RuntimeException e) {
            endpoints.forEach(LoopbackEndpoint::close);
            throw e;
        }
    }

    /** Awaits every start, even after a failure, so that close() knows every VM that did start. */
    private void awaitAll(List<Future<Vm>> starting, List<LoopbackEndpoint> endpoints) throws InterruptedException {
        TestBedException failure = null;
        for (int i = 0; i < starting.size(); i++) {
            try {
                vms.add(starting.get(i).get());
            } catch (ExecutionException e) {
                endpoints.get(i).close();
                failure = failure != null ? failure : new TestBedException("cannot start vm-" + i, e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    public Vm vm(int index) {
        return vms.get(index);
    }

    public List<Vm> vms() {
        return List.copyOf(vms);
    }

    public int size() {
        return vms.size();
    }

    /** The key pair whose private half logs in as vcap on every VM of this farm. */
    public KeyPairFiles operatorKey() {
        return operatorKey;
    }

    /** This farm's directory: vm-N/ (the VMs' private directories and sshd.log) and keys/. */
    public Path runDirectory() {
        return run.path();
    }

    /**
     * Kills every VM (killing a VM's init kills all its processes and frees its mounts), waits for them to be
     * gone, releases their addresses and deletes the farm's directory. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Vm> all = vms();
        all.forEach(Vm::kill);
        boolean allGone = true;
        try {
            for (Vm vm : all) {
                boolean gone = vm.awaitExit(TEARDOWN_TIMEOUT);
                // A VM still alive keeps its address: its sshd may hold the port yet, and another farm given the
                // address would fail to bind it. The lock goes with this JVM; the next farm's reaping kills the VM.
                if (gone) {
                    vm.releaseEndpoint();
                }
                allGone &= gone;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            allGone = false;
        }
        if (allGone) {
            DirectoryTrees.delete(run.path());
        } else {
            LOG.log(Level.WARNING, "VMs of " + run.path() + " outlived the teardown; a later farm will reap them");
        }
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs close(), which does nothing now
        }
    }

    private Path vmDir(int index) {
        return run.path().resolve("vm-" + index);
    }

    private Path initScript() {
        Path script = run.path().resolve("vm-init.sh");
        try (InputStream resource = VmFarm.class.getResourceAsStream("vm-init.sh")) {
            if (resource == null) {
                throw new TestBedException("vm-init.sh is missing from the test bed's resources");
            }
            Files.copy(resource, script);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
