package bbr.testbed.director;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Configures a {@link DirectorSimulator}; every setting has a default that works for most tests. */
public final class DirectorSimulatorBuilder {

    private final List<Deployment> deployments = new ArrayList<>();
    private String address = "127.0.0.1";
    private int port;
    private int uaaPort;
    private Auth auth = Auth.basic("admin", "admin");
    private String name = "bbr-simulated-director";
    private Duration queued = Duration.ofMillis(100);
    private Duration processing = Duration.ofMillis(300);
    private Duration taskTimeout = Duration.ofSeconds(180);
    private long firstTaskId = 1;
    private int redirectStatus = 302;
    private boolean relativeRedirects;
    private boolean alwaysReportPort;
    private boolean shuffleVmInfos;
    private CertificateAuthority ca;
    private Path caCertFile;

    DirectorSimulatorBuilder() {
    }

    /** The loopback address to listen on, "127.0.0.1" unless told; the certificate names it (IP SAN). */
    public DirectorSimulatorBuilder address(String address) {
        this.address = address;
        return this;
    }

    /** The Director's port (25555 is bbr's default); a free one unless told. */
    public DirectorSimulatorBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** The UAA's port when {@link Auth#uaa} is used (8443 on a real Director); a free one unless told. */
    public DirectorSimulatorBuilder uaaPort(int port) {
        this.uaaPort = port;
        return this;
    }

    public DirectorSimulatorBuilder auth(Auth auth) {
        this.auth = auth;
        return this;
    }

    public DirectorSimulatorBuilder name(String name) {
        this.name = name;
        return this;
    }

    public DirectorSimulatorBuilder deployment(Deployment.Builder deployment) {
        return deployment(deployment.build());
    }

    public DirectorSimulatorBuilder deployment(Deployment deployment) {
        deployments.add(deployment);
        return this;
    }

    /** How long tasks stay queued, and processing at least; 100 ms and 300 ms unless told. */
    public DirectorSimulatorBuilder taskDelays(Duration queued, Duration processing) {
        this.queued = queued;
        this.processing = processing;
        return this;
    }

    /** After how long a task still processing reads as "timeout"; 6 x 30 s like a real Director. */
    public DirectorSimulatorBuilder taskTimeout(Duration timeout) {
        this.taskTimeout = timeout;
        return this;
    }

    public DirectorSimulatorBuilder firstTaskId(long id) {
        this.firstTaskId = id;
        return this;
    }

    /** 302 like a real Director behind nginx, or 303 (Sinatra's answer to a non-GET over HTTP/1.1). */
    public DirectorSimulatorBuilder redirectStatus(int status) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("not a redirect: " + status);
        }
        this.redirectStatus = status;
        return this;
    }

    /** {@code Location: /tasks/N} as bbr's own mock sends, instead of a real Director's absolute URL. */
    public DirectorSimulatorBuilder relativeRedirects() {
        this.relativeRedirects = true;
        return this;
    }

    /** Reports every VM as "IP:PORT", even on port 22 (see {@link AgentAddress}). */
    public DirectorSimulatorBuilder alwaysReportSshPort() {
        this.alwaysReportPort = true;
        return this;
    }

    /** Shuffles VM info lines, as a real Director's thread pool does. */
    public DirectorSimulatorBuilder shuffleVmInfos() {
        this.shuffleVmInfos = true;
        return this;
    }

    /** Reuses a CA (generating one takes a moment); a new one unless told. */
    public DirectorSimulatorBuilder ca(CertificateAuthority ca) {
        this.ca = ca;
        return this;
    }

    /** Where to write the CA certificate; a temporary file deleted on close unless told. */
    public DirectorSimulatorBuilder caCertFile(Path file) {
        this.caCertFile = file;
        return this;
    }

    public DirectorSimulator start() {
        SimulatorOptions options = new SimulatorOptions(address, port, uaaPort, auth, name,
                UUID.randomUUID().toString(), queued, processing, taskTimeout, firstTaskId, redirectStatus,
                relativeRedirects, alwaysReportPort, shuffleVmInfos);
        CertificateAuthority authority = ca != null ? ca : CertificateAuthority.generate("bbr simulated Director CA");
        return DirectorSimulator.start(options, authority, caCertFile, deployments);
    }
}
