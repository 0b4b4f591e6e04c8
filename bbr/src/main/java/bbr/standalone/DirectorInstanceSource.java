package bbr.standalone;

import bbr.instance.Instance;
import bbr.instance.JobFinder;
import bbr.instance.ReleaseResolver;
import bbr.instance.VmShell;
import bbr.log.Logger;
import bbr.orchestration.BbrError;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.InstanceSource;
import bbr.proxy.ProxyRoute;
import bbr.remote.ReconnectingRunner;
import bbr.remote.RemoteRunner;
import bbr.ssh.HostKeyPolicy;
import bbr.ssh.KnownHosts;
import bbr.ssh.SshConnector;
import bbr.ssh.SshKeys;
import bbr.ssh.SshSettings;
import bbr.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

/**
 * The single director VM, reached with the operator's own SSH user and key, its host key checked against the
 * operator's known_hosts (there is no Director to ask for it); like the original, it names the one instance
 * {@code bosh/0}.
 */
public final class DirectorInstanceSource implements InstanceSource {

    private final HostAndPort address;
    private final String username;
    private final Path privateKeyPath;
    private final Logger logger;
    private final Duration scriptTimeout;
    private final ProxyRoute proxy;
    private final HostKeyPolicy hostKeys;
    private SshConnector connector;
    private RemoteRunner remote;

    /**
     * @param scriptTimeout how long a job script may run; {@code null} for no limit
     * @param knownHosts    the Director VM's host key is checked against them
     */
    public DirectorInstanceSource(HostAndPort address, String username, Path privateKeyPath, Logger logger,
                                  Duration scriptTimeout, ProxyRoute proxy, KnownHosts knownHosts) {
        this.scriptTimeout = scriptTimeout;
        this.proxy = proxy;
        this.hostKeys = knownHosts.policy("", logger);
        this.address = address;
        this.username = username;
        this.privateKeyPath = privateKeyPath;
        this.logger = logger;
    }

    @Override
    public String name() {
        return address.host();
    }

    @Override
    public List<Instance> discover() throws BbrError {
        KeyPair key;
        try {
            key = SshKeys.load(privateKeyPath);
        } catch (IOException | RuntimeException e) {
            throw new BbrError(ErrorKind.GENERAL, "Invalid --private-key-path: "
                    + e.getMessage(), e);
        }
        try {
            connector = new SshConnector(SshSettings.configured(), proxy.proxy());
            SshTarget target = new SshTarget(address.host(), address.port(), username, key, hostKeys);
            remote = new ReconnectingRunner(() -> connector.connect(target));
            Instance instance = new Instance("bosh", "0", "0", true, new VmShell(remote, logger, scriptTimeout));
            new JobFinder(logger, ReleaseResolver.NONE, true).findJobs(instance);
            return List.of(instance);
        } catch (IOException | JobFinder.DiscoveryException e) {
            closeQuietly();
            throw new BbrError(ErrorKind.GENERAL, e.getMessage(), e);
        }
    }

    @Override
    public void release() throws BbrError {
        try {
            if (remote != null) {
                remote.close();
            }
            if (connector != null) {
                connector.close();
            }
        } catch (IOException e) {
            throw new BbrError(ErrorKind.CLEANUP, "Deployment '" + name()
                    + "' failed while cleaning up with error: " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            release();
        } catch (BbrError ignored) {
            // the discovery error is what the operator needs to see
        }
    }
}
