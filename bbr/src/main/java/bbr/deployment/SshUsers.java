package bbr.deployment;

import bbr.concurrent.Daemons;
import bbr.director.DirectorClient;
import bbr.director.SshHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The temporary user's life on a deployment's VMs, through the Director: set up per instance group, removed per VM
 * (as soon as a workflow is done with that VM, or at the end), and every removal waited for.
 *
 * <p>Removal goes by the hosts each setup answered with rather than by connected instances, so that a VM bbr never
 * reached (sshd hung, Windows, vanished from the VM list) still loses the user. A group whose setup has not
 * answered, or failed partway having made users on some hosts, is cleaned as a whole.
 */
final class SshUsers {

    /** The Director queues tasks; ten at once keeps a large deployment's cleanup short without flooding it. */
    private static final int PARALLEL_WIDTH = 10;

    private final DirectorClient director;
    private final String deployment;
    private final TemporaryUser user;
    /** Every group whose setup was asked for, with the hosts it answered with; null until then, or after a failure. */
    private final Map<String, List<SshHost>> hostsSetUp = new LinkedHashMap<>();
    /** The removals started, by {@link #key}. */
    private final Map<String, Future<Void>> cleanups = new LinkedHashMap<>();
    private ExecutorService pool;

    SshUsers(DirectorClient director, String deployment, TemporaryUser user) {
        this.director = director;
        this.deployment = deployment;
        this.user = user;
    }

    /** Asks the Director to create the user on every VM of {@code group}; the answer is kept for the cleanup. */
    List<SshHost> setUp(String group) throws IOException {
        synchronized (this) {
            hostsSetUp.put(group, null);
        }
        List<SshHost> hosts = director.setUpSsh(deployment, group, user.name(), user.key().publicKeyLine() + "\n");
        synchronized (this) {
            hostsSetUp.put(group, hosts);
        }
        return hosts;
    }

    /**
     * Forgets a setup that failed for a group with no VMs (the VM listing shows none): no VM can hold the user,
     * and the Director would refuse a cleanup of that group as it refused the setup.
     */
    synchronized void forgetFailedSetup(String group) {
        if (hostsSetUp.containsKey(group) && hostsSetUp.get(group) == null) {
            hostsSetUp.remove(group);
        }
    }

    /** Starts removing the user from one VM of {@code group}, without waiting; {@link #removeAll} waits for it. */
    synchronized void startRemoving(String group, String instanceId) {
        String key = key(group, instanceId);
        if (!cleanups.containsKey(key)) {
            cleanups.put(key, pool().submit(() -> {
                director.cleanUpSsh(deployment, group, instanceId, user.name());
                return null;
            }));
        }
    }

    /**
     * Removes the user from every VM it was set up on (those started early are not asked for twice), waits for every
     * removal, and returns the failures in setup order.
     */
    List<String> removeAll() {
        List<Future<Void>> all = new ArrayList<>();
        synchronized (this) {
            hostsSetUp.forEach((group, hosts) -> {
                if (hosts == null) {
                    startRemoving(group, null);
                    all.add(cleanups.get(key(group, null)));
                } else {
                    for (SshHost host : hosts) {
                        startRemoving(group, host.indexOrId());
                        all.add(cleanups.get(key(group, host.indexOrId())));
                    }
                }
            });
            hostsSetUp.clear();
        }
        try {
            List<String> failures = new ArrayList<>();
            for (Future<Void> cleanup : all) {
                try {
                    cleanup.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause().getMessage());
                }
            }
            return failures;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while removing temporary users");
        } finally {
            synchronized (this) {
                cleanups.clear();
                if (pool != null) {
                    pool.shutdownNow();
                    pool = null;
                }
            }
        }
    }

    private ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(PARALLEL_WIDTH, Daemons.named("bbr-ssh-cleanup"));
        }
        return pool;
    }

    private static String key(String group, String instanceId) {
        return instanceId == null ? group : group + "/" + instanceId;
    }
}
