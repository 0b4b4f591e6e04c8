package bbr.cli;

import bbr.deployment.DeploymentInstanceSource;
import bbr.director.CaCertificates;
import bbr.director.DirectorClient;
import bbr.director.DirectorUrl;
import bbr.log.Logger;
import bbr.proxy.AllProxy;
import bbr.proxy.ProxyRoute;
import bbr.log.Redactor;
import bbr.orchestration.InstanceSource;
import bbr.ssh.KnownHosts;
import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bbr deployment}: back up a deployment's VMs found through the BOSH Director. */
@Command(name = "deployment", description = "Backup BOSH deployments")
final class DeploymentCommand implements Target, AllDeploymentsTarget {

    @Option(names = {"--target", "-t"}, description = "BOSH Director URL [$BOSH_ENVIRONMENT]")
    String target;

    @Option(names = {"--username", "-u"}, description = "BOSH Director username [$BOSH_CLIENT]")
    String username;

    @Option(names = {"--password", "-p"}, description = "BOSH Director password [$BOSH_CLIENT_SECRET]")
    String password;

    @Option(names = {"--deployment", "-d"},
            description = "Name of BOSH deployment. Omit if '--all-deployments' is provided [$BOSH_DEPLOYMENT]")
    String deployment;

    @Option(names = "--ca-cert",
            description = "Path or value of BOSH Director custom CA certificate [$CA_CERT, $BOSH_CA_CERT]")
    String caCert;

    @CommandLine.Mixin
    ScriptTimeout scriptTimeout = new ScriptTimeout();

    @Option(names = "--debug", description = "Enable debug logs")
    boolean debug;

    @Option(names = "--all-deployments", description = "Run command for all deployments. Omit if '--deployment'"
            + " is provided. Currently only supported for: pre-backup-check, backup and backup-cleanup")
    boolean allDeployments;

    private final CliContext context;
    private final Function<String, String> environment;
    private AllProxy allProxy;
    private KnownHosts knownHosts;
    private ProxyRoute route;
    private SSLContext trust;

    DeploymentCommand(CliContext context, Function<String, String> environment) {
        this.context = context;
        this.environment = environment;
    }

    @Override
    public Optional<String> missingFlag(boolean helpRequested) {
        boolean named = deployment != null && !deployment.isEmpty();
        target = orEnv(target, "BOSH_ENVIRONMENT");
        username = orEnv(username, "BOSH_CLIENT");
        password = orEnv(password, "BOSH_CLIENT_SECRET");
        deployment = orEnv(deployment, "BOSH_DEPLOYMENT");
        caCert = orEnv(orEnv(caCert, "CA_CERT"), "BOSH_CA_CERT");
        if (!helpRequested && target == null) {
            return Optional.of("--target flag is required.");
        }
        if (!helpRequested && username == null) {
            return Optional.of("--username flag is required.");
        }
        if (!helpRequested && password == null) {
            return Optional.of("--password flag is required.");
        }
        if ((deployment == null) == !allDeployments) {
            String refusal = "provide one of '--deployment' or '--all-deployments' flags.";
            // The original refuses the pair too, without saying where the name came from.
            return Optional.of(deployment != null && !named
                    ? refusal + " The deployment '" + deployment + "' came from BOSH_DEPLOYMENT: unset it to use"
                            + " --all-deployments."
                    : refusal);
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> invalidFlag() {
        try {
            DirectorUrl.parse(target);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        try {
            trust = CaCertificates.trusting(caCert);
        } catch (IllegalArgumentException e) {
            return Optional.of("--ca-cert: " + e.getMessage());
        }
        try {
            scriptTimeout.duration();
            allProxy = AllProxy.parse(environment.apply(AllProxy.VARIABLE));
            // Only a jumpbox is checked against known_hosts: the VMs' keys come from the Director.
            if (allProxy instanceof AllProxy.Jumpbox) {
                knownHosts = KnownHosts.fromEnvironment(environment::apply);
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void reportHostKeyMatches() {
        if (knownHosts != null) {
            knownHosts = knownHosts.reportingMatches();
        }
    }

    @Override
    public boolean debug() {
        return debug;
    }

    @Override
    public InstanceSource source(Logger logger) {
        return source(deployment, logger);
    }

    @Override
    public InstanceSource source(String name, Logger logger) {
        return new DeploymentInstanceSource(name, () -> director(logger), logger, scriptTimeout.duration(),
                route());
    }

    @Override
    public List<String> deploymentNames(Logger logger) throws IOException {
        return director(logger).deployments();
    }

    @Override
    public Optional<AllDeploymentsTarget> allDeployments() {
        return allDeployments ? Optional.of(this) : Optional.empty();
    }

    /** The client secret, and the basic-auth header value it makes with the username, are never printed. */
    @Override
    public Redactor redactor() {
        return ArtifactPlaces.redactor().withSecret(password).withSecret(Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code BOSH_ALL_PROXY} carries Director, UAA and SSH traffic alike; one route for the whole run, which says
     * on the screen (not in one deployment's log file) which jumpbox host key it accepted.
     */
    private synchronized ProxyRoute route() {
        if (route == null) {
            route = ProxyRoutes.of(allProxy, knownHosts, context.logger(debug, redactor()));
        }
        return route;
    }

    private DirectorClient director(Logger logger) throws IOException {
        return DirectorClient.connect(DirectorUrl.parse(target), username, password, trust, route().proxy(), logger);
    }

    @Override
    public boolean stampsVerdict() {
        return true;
    }

    @Override
    public String verdictSubject() {
        return "Deployment '" + deployment + "'";
    }

    private String orEnv(String value, String variable) {
        if (value != null && !value.isEmpty()) {
            return value;
        }
        String fromEnvironment = environment.apply(variable);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }
}
