package bbr.deployment;

import bbr.director.DirectorClient;
import bbr.director.SshHost;
import bbr.director.VmInfo;
import bbr.instance.Instance;
import bbr.instance.JobFinder;
import bbr.instance.VmShell;
import bbr.log.Logger;
import bbr.orchestration.BbrError;
import bbr.orchestration.BeforeChanges;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.InstanceSource;
import bbr.proxy.ProxyRoute;
import bbr.remote.ReconnectingRunner;
import bbr.ssh.HostKeyPolicy;
import bbr.ssh.SshConnector;
import bbr.ssh.SshSettings;
import bbr.ssh.SshTarget;
import bbr.standalone.HostAndPort;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A deployment's VMs found through the BOSH Director: one temporary user per run, set up per instance group,
 * connections pinned to the host keys the Director reports, and every user removed again on the way out —
 * including the ones on VMs that discovery skipped, which the original left behind.
 */
public final class DeploymentInstanceSource implements InstanceSource {

    /** Opens the Director client; called at the start of discovery so its failures are reported like others. */
    public interface DirectorConnection {
        DirectorClient open() throws IOException;
    }

    /** The Director queues tasks; ten at once keeps a large deployment's setup and cleanup short without
     * flooding it, as the original's own parallelism does for scripts. */
    private static final int PARALLEL_WIDTH = 10;

    private final String deployment;
    private final DirectorConnection connection;
    private final java.time.Duration scriptTimeout;
    private final ProxyRoute proxy;
    private DirectorClient director;
    private final Logger logger;
    private final TemporaryUser user = TemporaryUser.generate();
    private final List<Instance> instances = new ArrayList<>();
    /**
     * Every group whose SSH setup was asked for, with the hosts the Director reported the user on; null while the
     * setup has not answered (or failed partway, having made users on some hosts): then the whole group is
     * cleaned. Cleanup goes by these hosts rather than by connected instances, so that a VM bbr never reached
     * (sshd hung, Windows, vanished from the VM list) still loses the user.
     */
    private final Map<String, List<SshHost>> hostsSetUp = new LinkedHashMap<>();
    private SshConnector connector;
    private String manifest;

    /** @param scriptTimeout how long a job script may run; {@code null} for no limit */
    public DeploymentInstanceSource(String deployment, DirectorConnection connection, Logger logger,
                                    java.time.Duration scriptTimeout, ProxyRoute proxy) {
        this.scriptTimeout = scriptTimeout;
        this.proxy = proxy;
        this.deployment = deployment;
        this.connection = connection;
        this.logger = logger;
    }

    @Override
    public String name() {
        return deployment;
    }

    @Override
    public List<Instance> discover(BeforeChanges beforeChanges) throws BbrError {
        try {
            director = connection.open();
            connector = new SshConnector(SshSettings.configured(), proxy.proxy());
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, e.getMessage(), e);
        }
        try {
            List<VmInfo> vms = director.vms(deployment);
            manifest = director.manifest(deployment);
            JobFinder finder = new JobFinder(logger, parseManifest(), false);
            List<String> groups = groupsInOrder(vms);
            beforeChanges.await(); // the temporary users are the first change to the deployment
            List<List<SshHost>> hostsByGroup = Concurrently.map(groups, PARALLEL_WIDTH, this::setUpSsh);
            List<Candidate> candidates = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                for (SshHost host : hostsByGroup.get(g)) {
                    candidates.add(new Candidate(groups.get(g), host, vmOf(host, vms), isBootstrap(groups.get(g), host,
                            vms)));
                }
            }
            // Every instance is examined, unlike the original, which skipped a group whose first instance had no
            // scripts and so silently left out any other instance that had some.
            List<Instance> found = Concurrently.map(candidates, PARALLEL_WIDTH, c -> examine(c, finder));
            return found.stream().filter(java.util.Objects::nonNull).toList();
        } catch (BbrError refused) {
            release(); // only beforeChanges throws this, before any temporary user exists: closes connections only
            throw refused;
        } catch (Exception e) {
            throw new BbrError(ErrorKind.GENERAL, "failed to find instances for deployment " + deployment + ": "
                    + releaseAfterFailure(e.getMessage()), e);
        }
    }

    /** Releases what discovery set up; returns {@code message} with any cleanup failure appended. */
    private String releaseAfterFailure(String message) {
        try {
            release();
            return message;
        } catch (BbrError cleanup) {
            return message + "\n" + cleanup.getMessage();
        }
    }

    /** One VM the Director set the temporary user up on. */
    private record Candidate(String group, SshHost host, VmInfo vm, boolean bootstrap) {
    }

    private List<SshHost> setUpSsh(String group) throws IOException {
        synchronized (hostsSetUp) {
            hostsSetUp.put(group, null);
        }
        List<SshHost> hosts = director.setUpSsh(deployment, group, user.name(), user.key().publicKeyLine() + "\n");
        synchronized (hostsSetUp) {
            hostsSetUp.put(group, hosts);
        }
        return hosts;
    }

    /** Connects and finds the jobs; null for a Windows VM. */
    private Instance examine(Candidate candidate, JobFinder finder) throws Exception {
        Instance instance;
        try {
            instance = connect(candidate.group(), candidate.host(), candidate.vm(), candidate.bootstrap());
        } catch (IOException e) {
            // The address alone leaves the operator to map it back to an instance: name the instance first.
            throw new IOException(candidate.group() + "/" + candidate.host().indexOrId() + ": " + e.getMessage(), e);
        }
        if (instance == null) {
            return null;
        }
        synchronized (instances) {
            instances.add(instance); // before finding jobs, so that release() closes it if that fails
        }
        finder.findJobs(instance);
        return instance;
    }

    private static VmInfo vmOf(SshHost host, List<VmInfo> vms) throws IOException {
        VmInfo vm = vms.stream().filter(v -> v.id().equals(host.indexOrId())).findFirst()
                .orElseThrow(() -> new IOException("vmInfo does not contain given vmID " + host.indexOrId()));
        if (vm.index() == null) {
            throw new IOException("vmInfo index is nil, given vmID " + host.indexOrId());
        }
        return vm;
    }

    /** Connects to one VM; returns null for a Windows VM, which bbr skips. */
    private Instance connect(String group, SshHost host, VmInfo vm, boolean bootstrap) throws IOException {
        HostAndPort address = HostAndPort.parse(host.ip());
        SshTarget target = new SshTarget(address.host(), address.port(), user.name(), user.key().keyPair(),
                HostKeyPolicy.pinned(host.hostPublicKey()));
        ReconnectingRunner remote = new ReconnectingRunner(() -> connector.connect(target));
        VmShell shell = new VmShell(remote, logger, scriptTimeout);
        if (shell.isWindows()) {
            logger.warn("skipping Windows instance %s/%s", group, host.indexOrId());
            remote.close();
            return null;
        }
        return new Instance(group, String.valueOf(vm.index()), host.indexOrId(), bootstrap, shell);
    }

    @Override
    public Optional<String> manifest() {
        return Optional.ofNullable(manifest);
    }

    @Override
    public void release() throws BbrError {
        for (Instance instance : instances) {
            try {
                instance.remote().close();
            } catch (IOException e) {
                logger.debug("closing the connection to %s failed: %s", instance.label(), e.getMessage());
            }
        }
        List<Callable<Void>> cleanups = new ArrayList<>();
        hostsSetUp.forEach((group, hosts) -> {
            if (hosts == null) {
                cleanups.add(() -> cleanUp(group, null));
            } else {
                hosts.forEach(host -> cleanups.add(() -> cleanUp(group, host.indexOrId())));
            }
        });
        instances.clear();
        hostsSetUp.clear();
        closeConnector();
        List<String> failures = runAll(cleanups);
        if (!failures.isEmpty()) {
            throw new BbrError(ErrorKind.CLEANUP, "Deployment '" + deployment + "' failed while cleaning up with"
                    + " error: " + String.join("\n", failures));
        }
    }

    private Void cleanUp(String group, String instanceId) throws IOException {
        director.cleanUpSsh(deployment, group, instanceId, user.name());
        return null;
    }

    /** Runs the SSH cleanups concurrently (each waits for its Director task) and returns the failures. */
    private static List<String> runAll(List<Callable<Void>> cleanups) {
        if (cleanups.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_WIDTH, cleanups.size()));
        try {
            List<String> failures = new ArrayList<>();
            for (Future<Void> result : pool.invokeAll(cleanups)) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                }
            }
            return failures;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while removing temporary users");
        } finally {
            pool.shutdownNow();
        }
    }

    private void closeConnector() {
        try {
            if (connector != null) {
                connector.close();
            }
        } catch (IOException e) {
            logger.debug("closing the SSH client failed: %s", e.getMessage());
        }
    }

    private ManifestReleases parseManifest() throws IOException {
        try {
            return ManifestReleases.parse(manifest);
        } catch (RuntimeException e) {
            throw new IOException("couldn't parse the manifest of deployment " + deployment + ": " + e.getMessage(),
                    e);
        }
    }

    private static List<String> groupsInOrder(List<VmInfo> vms) {
        return new ArrayList<>(vms.stream().map(VmInfo::jobName).collect(
                java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    private static boolean isBootstrap(String group, SshHost host, List<VmInfo> vms) {
        return vms.stream().anyMatch(v -> v.jobName().equals(group) && v.bootstrap() && v.ips().contains(host.ip()));
    }
}
