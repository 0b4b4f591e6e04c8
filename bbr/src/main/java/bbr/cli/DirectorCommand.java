package bbr.cli;

import bbr.log.Logger;
import bbr.proxy.AllProxy;
import bbr.orchestration.InstanceSource;
import bbr.ssh.KnownHosts;
import bbr.standalone.DirectorInstanceSource;
import bbr.standalone.HostAndPort;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bbr director}: back up a BOSH Director VM reached directly over SSH. */
@Command(name = "director", description = "Backup BOSH director")
final class DirectorCommand implements Target {

    /** The original words the director's subcommands for a director (restore's text is the deployment one). */
    static final java.util.Map<String, String> DESCRIPTIONS = java.util.Map.of(
            "pre-backup-check", "Check a BOSH Director can be backed up",
            "backup", "Backup a BOSH Director",
            "backup-cleanup", "Cleanup a director after a backup was interrupted",
            "restore-cleanup", "Cleanup a director after a restore was interrupted");

    @Option(names = "--host", description = "BOSH Director hostname, with an optional port. Port defaults to 22")
    String host;

    @Option(names = {"--username", "-u"}, description = "BOSH Director SSH username")
    String username;

    @Option(names = {"--private-key-path", "--key"}, description = "BOSH Director SSH private key")
    Path privateKeyPath;

    @CommandLine.Mixin
    ScriptTimeout scriptTimeout = new ScriptTimeout();

    @Option(names = "--debug", description = "Enable debug logs")
    boolean debug;

    private AllProxy allProxy;
    private KnownHosts knownHosts;

    @Override
    public Optional<String> missingFlag(boolean helpRequested) {
        if (helpRequested) {
            return Optional.empty();
        }
        if (host == null || host.isEmpty()) {
            return Optional.of("--host flag is required.");
        }
        if (username == null || username.isEmpty()) {
            return Optional.of("--username flag is required.");
        }
        if (privateKeyPath == null) {
            return Optional.of("--private-key-path flag is required.");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> invalidFlag() {
        try {
            HostAndPort.parse(host);
            scriptTimeout.duration();
            allProxy = AllProxy.parse(System.getenv(AllProxy.VARIABLE));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage().startsWith("--") ? e.getMessage() : "--host: " + e.getMessage());
        }
        try {
            knownHosts = KnownHosts.fromEnvironment(System::getenv);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void reportHostKeyMatches() {
        knownHosts = knownHosts.reportingMatches();
    }

    @Override
    public boolean debug() {
        return debug;
    }

    @Override
    public InstanceSource source(Logger logger) {
        return new DirectorInstanceSource(HostAndPort.parse(host), username, privateKeyPath, logger,
                scriptTimeout.duration(), ProxyRoutes.of(allProxy, knownHosts, logger), knownHosts);
    }

    @Override
    public String verdictSubject() {
        return "Director";
    }
}
