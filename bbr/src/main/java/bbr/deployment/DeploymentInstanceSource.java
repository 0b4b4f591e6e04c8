package bbr.deployment;

import bbr.concurrent.Daemons;
import bbr.director.DirectorClient;
import bbr.director.SshHost;
import bbr.director.VmInfo;
import bbr.instance.Instance;
import bbr.instance.JobFinder;
import bbr.instance.VmShell;
import bbr.log.Logger;
import bbr.orchestration.BbrError;
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

    /** The Director queues tasks; ten at once keeps a large deployment's setup short without flooding it, as the
     * original's own parallelism does for scripts. */
    private static final int PARALLEL_WIDTH = 10;

    private final String deployment;
    private final DirectorConnection connection;
    private final java.time.Duration scriptTimeout;
    private final ProxyRoute proxy;
    private DirectorClient director;
    private final Logger logger;
    private final TemporaryUser user = TemporaryUser.generate();
    /** The connected instances whose connections are still open. */
    private final List<Instance> instances = new ArrayList<>();
    private SshUsers users;
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
    public List<Instance> discover() throws BbrError {
        try {
            director = connection.open();
            connector = new SshConnector(SshSettings.configured(), proxy.proxy());
            users = new SshUsers(director, deployment, user);
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, e.getMessage(), e);
        }
        ExecutorService discovery = Executors.newFixedThreadPool(PARALLEL_WIDTH, Daemons.named("bbr-discovery"));
        try {
            // The VM listing is a Director task (seconds on a busy Director), and so is each SSH setup; a setup needs
            // only its group, which the manifest names: they run at once, and discovery waits for the longer.
            Future<List<VmInfo>> listing = discovery.submit(() -> director.vms(deployment));
            ManifestReleases releases = manifestAfter(listing);
            Map<String, Future<List<SshHost>>> setups = new LinkedHashMap<>();
            releases.groupsWithVms().forEach(group -> setups.put(group, discovery.submit(() -> users.setUp(group))));
            awaitQuietly(setups.values());
            List<VmInfo> vms = outcome(listing);
            List<String> groups = groupsInOrder(vms);
            // A group the manifest left out (an errand kept alive) is set up now; one set up in vain is cleaned up.
            groups.stream().filter(group -> !setups.containsKey(group))
                    .forEach(group -> setups.put(group, discovery.submit(() -> users.setUp(group))));
            awaitQuietly(setups.values()); // every setup has answered before one's failure ends discovery
            forgetFailedSetupsOfGroupsWithoutVms(setups, groups);
            List<Candidate> candidates = new ArrayList<>();
            for (String group : groups) {
                for (SshHost host : outcome(setups.get(group))) {
                    candidates.add(new Candidate(group, host, vmOf(host, vms), isBootstrap(group, host, vms)));
                }
            }
            JobFinder finder = new JobFinder(logger, releases, false);
            // Every instance is examined, unlike the original, which skipped a group whose first instance had no
            // scripts and so silently left out any other instance that had some.
            List<Instance> found = Concurrently.map(candidates, PARALLEL_WIDTH, c -> examine(c, finder));
            return found.stream().filter(java.util.Objects::nonNull).toList();
        } catch (Exception e) {
            throw new BbrError(ErrorKind.GENERAL, "failed to find instances for deployment " + deployment + ": "
                    + releaseAfterFailure(e.getMessage()), e);
        } finally {
            discovery.shutdownNow(); // a listing still running after a refusal changes nothing: it is only a read
        }
    }

    /**
     * Fetches and parses the manifest while the listing runs. When both fail (a missing deployment), the listing's
     * error is the one reported, as when the original asked for the listing first.
     */
    private ManifestReleases manifestAfter(Future<List<VmInfo>> listing) throws Exception {
        try {
            manifest = director.manifest(deployment);
            return parseManifest();
        } catch (IOException e) {
            outcome(listing);
            throw e;
        }
    }

    /** Waits for every setup to answer; their failures are judged once the listing says which groups have VMs. */
    private static void awaitQuietly(Iterable<Future<List<SshHost>>> setups) throws InterruptedException {
        for (Future<List<SshHost>> setup : setups) {
            try {
                setup.get();
            } catch (ExecutionException e) {
                // judged by the caller
            }
        }
    }

    /** A setup refused because its group has no VMs (a manifest that says otherwise) is no error. */
    private void forgetFailedSetupsOfGroupsWithoutVms(Map<String, Future<List<SshHost>>> setups, List<String> groups)
            throws InterruptedException {
        for (Map.Entry<String, Future<List<SshHost>>> setup : setups.entrySet()) {
            if (!groups.contains(setup.getKey())) {
                try {
                    setup.getValue().get();
                } catch (ExecutionException e) {
                    logger.debug("instance group %s has no VMs, and its SSH setup failed: %s", setup.getKey(),
                            e.getCause().getMessage());
                    users.forgetFailedSetup(setup.getKey());
                }
            }
        }
    }

    private static <T> T outcome(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
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

    /**
     * Closes the instance's connection and starts removing the temporary user from its VM at once, rather than after
     * every other VM is done too; {@link #release()} waits for it and reports its failure.
     */
    @Override
    public void finished(Instance instance) {
        synchronized (instances) {
            if (!instances.remove(instance)) {
                return;
            }
        }
        close(instance);
        users.startRemoving(instance.group(), instance.id());
    }

    @Override
    public void release() throws BbrError {
        List<Instance> open;
        synchronized (instances) {
            open = List.copyOf(instances);
            instances.clear();
        }
        open.forEach(this::close);
        closeConnector();
        List<String> failures = users == null ? List.of() : users.removeAll();
        if (!failures.isEmpty()) {
            throw new BbrError(ErrorKind.CLEANUP, "Deployment '" + deployment + "' failed while cleaning up with"
                    + " error: " + String.join("\n", failures));
        }
    }

    private void close(Instance instance) {
        try {
            instance.remote().close();
        } catch (IOException e) {
            logger.debug("closing the connection to %s failed: %s", instance.label(), e.getMessage());
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
