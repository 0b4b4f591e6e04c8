package bbr.testbed.director;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A BOSH Director (and its UAA) on a loopback HTTPS port, answering bbr's calls as reference/director-api.md says a
 * real one does, creating and removing SSH users on test-bed VMs for real, and failing on demand.
 *
 * <pre>{@code
 * try (DirectorSimulator director = DirectorSimulator.builder()
 *         .auth(Auth.basic("admin", "secret"))
 *         .deployment(Deployment.named("redis-dev").release("redis-test")
 *             .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(vm0, true)))
 *         .start()) {
 *     // bbr deployment --target director.url() --ca-cert director.caCertFile() ...
 * }
 * }</pre>
 */
public final class DirectorSimulator implements AutoCloseable {

    private final SimulatorOptions options;
    private final CertificateAuthority ca;
    private final Path caCertFile;
    private final boolean ownsCaFile;
    private final Faults faults;
    private final RequestLog log = new RequestLog();
    private final Tasks tasks;
    private final SshAgent agent;
    private final DeploymentEndpoints deployments;
    private final List<HttpsListener> listeners = new ArrayList<>();
    private volatile HttpsListener uaaListener;
    private volatile String uaaUrl;

    private DirectorSimulator(SimulatorOptions options, CertificateAuthority ca, Path caCertFile, boolean ownsCaFile,
            TokenIssuer tokens) {
        this.options = options;
        this.ca = ca;
        this.caCertFile = caCertFile;
        this.ownsCaFile = ownsCaFile;
        this.faults = new Faults(tokens::revokeAll);
        this.tasks = new Tasks(faults, options.firstTaskId(), options.queued(), options.processing(),
                options.taskTimeout());
        this.agent = new SshAgent(options.alwaysReportPort());
        this.deployments = new DeploymentEndpoints(options, tasks);
    }

    public static DirectorSimulatorBuilder builder() {
        return new DirectorSimulatorBuilder();
    }

    /** A CA this Director's certificate does not chain to: a {@code --ca-cert} that must be refused. */
    public static CertificateAuthority unrelatedCa() {
        return CertificateAuthority.generate("an unrelated CA");
    }

    static DirectorSimulator start(SimulatorOptions options, CertificateAuthority ca, Path caFile,
            List<Deployment> initial) {
        TokenIssuer tokens = new TokenIssuer(options.auth().tokenLifetime(), Clock.systemUTC());
        Path file = caFile != null ? caFile : temporaryCaFile();
        DirectorSimulator simulator = new DirectorSimulator(options, ca, file, caFile == null, tokens);
        try {
            ca.writeCertPem(file);
            initial.forEach(simulator::addDeployment);
            simulator.listen(tokens);
            return simulator;
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private void listen(TokenIssuer tokens) {
        InetAddress address = address(options.address());
        SSLContext tls = ca.serverContext(address);
        if (options.auth().type() == Auth.Type.UAA) {
            UaaEndpoint uaa = new UaaEndpoint(options.auth(), tokens);
            HttpsListener listener = HttpsListener.start(new InetSocketAddress(address, options.uaaPort()), tls,
                    RecordedRequest.Server.UAA, faults, log, uaa::handle);
            listeners.add(listener);
            uaaListener = listener;
            uaaUrl = "https://" + options.address() + ":" + listener.address().getPort() + options.auth().uaaPath();
            tokens.issuer(uaaUrl + "/oauth/token");
        }
        Authenticator authenticator = new Authenticator(options.auth(), tokens);
        Redirects redirects = new Redirects(options.redirectStatus(), options.relativeRedirects(),
                () -> options.address() + ":" + port());
        DirectorApi api = new DirectorApi(authenticator, new InfoEndpoint(options, () -> uaaUrl), deployments,
                new SshEndpoint(tasks, agent), new TaskEndpoints(tasks), redirects);
        listeners.add(HttpsListener.start(new InetSocketAddress(address, options.port()), tls,
                RecordedRequest.Server.DIRECTOR, faults, log, api::handle));
    }

    /** "https://127.0.0.1:PORT": what bbr's {@code --target} takes. */
    public String url() {
        return "https://" + host() + ":" + port();
    }

    public String host() {
        return options.address();
    }

    public int port() {
        return listeners.get(listeners.size() - 1).address().getPort();
    }

    /** The UAA URL that {@code /info} reports, when the Director uses UAA. */
    public Optional<String> uaaUrl() {
        return Optional.ofNullable(uaaUrl);
    }

    /**
     * Stops the UAA while the Director stays up and {@code /info} still names it: its port then refuses
     * connections, as when UAA's process is down on a real Director VM.
     */
    public void stopUaa() {
        if (uaaListener == null) {
            throw new IllegalStateException("this Director uses " + options.auth() + ", not UAA");
        }
        uaaListener.close();
    }

    public Auth auth() {
        return options.auth();
    }

    public CertificateAuthority ca() {
        return ca;
    }

    /** The CA certificate in PEM: bbr's {@code --ca-cert} accepts this text as well as a path. */
    public String caCertPem() {
        return ca.certPem();
    }

    public Path caCertFile() {
        return caCertFile;
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requests() {
        return log;
    }

    /** Every task that has ended, from its creation to its end, in the order of their ids. */
    public List<TaskSpan> taskSpans() {
        return tasks.spans();
    }

    /** Every agent SSH action so far, in order. */
    public List<SshCall> sshCalls() {
        return agent.calls();
    }

    public Deployment deployment(String name) {
        return Optional.ofNullable(deployments.registry().get(name))
                .orElseThrow(() -> new IllegalArgumentException("no deployment " + name));
    }

    public List<Deployment> deployments() {
        return deployments.registry().values().stream().sorted(Comparator.comparing(Deployment::name)).toList();
    }

    public Deployment addDeployment(Deployment.Builder deployment) {
        return addDeployment(deployment.build());
    }

    public Deployment addDeployment(Deployment deployment) {
        deployments.registry().put(deployment.name(), deployment);
        return deployment;
    }

    /** Deletes a deployment: later requests for it get the Director's 404. */
    public void removeDeployment(String name) {
        deployments.registry().remove(name);
    }

    /**
     * The ephemeral {@code bosh_} users present now on the VMs of every deployment, by instance ("group/id"); an
     * empty map means bbr cleaned up after itself. Read from the VMs' own /etc/passwd.
     */
    public Map<String, List<String>> usersLeftOnVms() {
        return SshAgent.ephemeralUsers(deployments());
    }

    @Override
    public void close() {
        listeners.forEach(HttpsListener::close);
        tasks.close();
        if (ownsCaFile) {
            try {
                Files.deleteIfExists(caCertFile);
            } catch (IOException e) {
                // a temporary file: nothing depends on it any more
            }
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new UncheckedIOException("not an address: " + literal, e);
        }
    }

    private static Path temporaryCaFile() {
        try {
            return Files.createTempFile("director-simulator-ca-", ".pem");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
