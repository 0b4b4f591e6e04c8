package bbr.testbed.s3;

import bbr.testbed.director.CertificateAuthority;
import bbr.testbed.vm.DirectoryTrees;
import bbr.testbed.vm.HostCommand;
import bbr.testbed.vm.HostMounts;
import bbr.testbed.vm.Leftovers;
import bbr.testbed.vm.RunDirectory;
import bbr.testbed.vm.TestBedException;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * The test bed's object store: a real S3-compatible server (s3proxy with its filesystem backend) on a loopback
 * port, with its own credentials, path-style addressing, and either plain HTTP behind a {@link FaultFront} (request
 * log, {@code 503 SlowDown}, bytes flipped in transit) or HTTPS with a certificate from a test-bed CA. It can be
 * stopped and started again on the same port with the same data, and a bucket can live on a small tmpfs to fill its
 * disk. {@link #environment()} is what a bbr process needs to reach it, as an operator would set it.
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.builder().start()) {
 *     s3.createBucket("backups");
 *     // bbr ... --artifact-path s3://backups/prefix, with s3.environment()
 * }
 * }</pre>
 */
public final class S3Server implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final String REGION = "us-east-1";

    private final Path base;
    private final boolean ownsBase;
    private final Path blobs;
    private final CertificateAuthority ca;
    private final String accessKey;
    private final String secretKey;
    private final BlobStoreContext context;
    private final S3Faults faults = new S3Faults();
    private final List<S3Request> log = new ArrayList<>();
    private final List<Path> tmpfsMounts = new ArrayList<>();
    private final FaultFront front;
    private S3Proxy proxy;
    private int proxyPort;

    private S3Server(Path base, boolean ownsBase, CertificateAuthority ca) {
        this.base = base;
        this.ownsBase = ownsBase;
        this.blobs = base.resolve("blobs");
        this.ca = ca;
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        this.accessKey = "testbed" + hex.formatHex(random.generateSeed(6));
        this.secretKey = hex.formatHex(random.generateSeed(20));
        try {
            Files.createDirectories(blobs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 server's directory " + blobs, e);
        }
        Properties properties = new Properties();
        properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, blobs.toString());
        // jclouds logs through java.util.logging (a stack trace on stderr for every full disk) unless told to use
        // SLF4J, which the test bed binds to nothing.
        this.context = ContextBuilder.newBuilder("filesystem").overrides(properties)
                .modules(List.of(new SLF4JLoggingModule())).build(BlobStoreContext.class);
        this.front = ca == null ? new FaultFront(null, faults, log) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How the server is made: where its data lives, and whether it speaks TLS. */
    public static final class Builder {
        private Path directory;
        private CertificateAuthority ca;

        /** Keeps the data (and the CA file) in {@code directory}, left in place on close; default: a temporary one. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** HTTPS with a certificate from {@code ca} (for {@code AWS_CA_BUNDLE}); no fault front then. */
        public Builder tls(CertificateAuthority ca) {
            this.ca = ca;
            return this;
        }

        public S3Server start() {
            Path base = directory;
            boolean owns = base == null;
            if (owns) {
                // A run directory, as a VM farm's: if this JVM dies, the next test bed start removes it (and
                // unmounts its tmpfs buckets).
                Path root = Path.of(System.getProperty(VmFarm.ROOT_PROPERTY, "/tmp/bbr-testbed"));
                Leftovers.reap(root);
                base = RunDirectory.create(root).path();
            }
            S3Server server;
            try {
                server = new S3Server(base, owns, ca);
            } catch (RuntimeException e) {
                if (owns) {
                    DirectoryTrees.delete(base);
                }
                throw e;
            }
            try {
                if (ca != null) {
                    ca.writeCertPem(server.caBundle());
                }
                server.restart();
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }

    /** What bbr reads to reach this server: credentials, region, endpoint, path style, and the CA bundle for TLS. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        env.put("AWS_REGION", REGION);
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("BBR_S3_PATH_STYLE", "true");
        // For the aws CLI and other SDKs beside bbr: s3proxy implements neither the CRC32 trailers they send nor
        // the checksum mode they ask for on reads by default.
        env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        env.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
        if (ca != null) {
            env.put("AWS_CA_BUNDLE", caBundle().toString());
        }
        return env;
    }

    /** {@code http://127.0.0.1:PORT} (the fault front), or {@code https://127.0.0.1:PORT} (s3proxy itself). */
    public URI endpoint() {
        return URI.create(ca == null ? "http://" + HOST + ":" + front.port() : "https://" + HOST + ":" + proxyPort);
    }

    /** s3proxy's own port, past the fault front: for measurements that must not count the front's copying. */
    public URI directEndpoint() {
        return URI.create((ca == null ? "http://" : "https://") + HOST + ":" + proxyPort);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The PEM file of the CA that signed the server's certificate (TLS only). */
    public Path caBundle() {
        return base.resolve("ca.pem");
    }

    public S3Faults faults() {
        if (front == null) {
            throw new IllegalStateException("faults need the plain-HTTP server (its front); this one speaks TLS");
        }
        return faults;
    }

    /** Every request the front passed or answered so far, in order (plain HTTP only). */
    public List<S3Request> requests() {
        faults();
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** A bucket whose data lives on a tmpfs of {@code bytes}: writing more fails as a full disk does. */
    public void createBucketOnTmpfs(String bucket, long bytes) {
        Path directory = blobs.resolve(bucket);
        try {
            Files.createDirectory(directory);
            run("mount", "-t", "tmpfs", "-o", "size=" + bytes, HostMounts.TESTBED_TMPFS, directory.toString());
            tmpfsMounts.add(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the bucket " + bucket + " on a tmpfs", e);
        }
    }

    /** The keys of every object in {@code bucket}, as the store itself holds them, sorted. */
    public List<String> keys(String bucket) {
        BlobStore store = context.getBlobStore();
        List<String> keys = new ArrayList<>();
        ListContainerOptions options = ListContainerOptions.Builder.recursive();
        for (var page = store.list(bucket, options); ; page = store.list(bucket, options.afterMarker(page.getNextMarker()))) {
            page.stream().filter(m -> m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB)
                    .map(StorageMetadata::getName).forEach(keys::add);
            if (page.getNextMarker() == null) {
                break;
            }
        }
        keys.sort(null);
        return keys;
    }

    /** The keys of the multipart uploads begun in {@code bucket} and neither completed nor aborted. */
    public List<String> multipartUploads(String bucket) {
        return context.getBlobStore().listMultipartUploads(bucket).stream()
                .map(org.jclouds.blobstore.domain.MultipartUpload::blobName).sorted().toList();
    }

    /** The bytes of one object, read from the store itself. */
    public byte[] read(String bucket, String key) {
        try (var in = context.getBlobStore().getBlob(bucket, key).getPayload().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops serving, cutting every request in flight; the data stays for {@link #restart}. */
    public synchronized void stop() {
        if (front != null) {
            front.stop();
        }
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new TestBedException("cannot stop s3proxy", e);
            }
            proxy = null;
        }
    }

    /** Serves again on the same ports, with the same data. */
    public synchronized void restart() {
        stop();
        String scheme = ca == null ? "http" : "https";
        S3Proxy.Builder builder = S3Proxy.builder().blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey);
        URI uri = URI.create(scheme + "://" + HOST + ":" + proxyPort);
        if (ca == null) {
            builder.endpoint(uri);
        } else {
            builder.secureEndpoint(uri).sslContext(ca.serverContext(loopback()));
        }
        S3Proxy started = builder.build();
        try {
            started.start();
            while (!started.getState().equals("STARTED")) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new TestBedException("cannot start s3proxy on " + uri, e);
        }
        proxy = started;
        proxyPort = ca == null ? started.getPort() : started.getSecurePort();
        if (front != null) {
            front.upstream(new InetSocketAddress(HOST, proxyPort));
            front.start(HOST);
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (front != null) {
                front.close();
            }
            context.close();
            for (Path mount : tmpfsMounts) {
                run("umount", "--lazy", mount.toString()); // s3proxy may still hold a file it failed to write
            }
            tmpfsMounts.clear();
            if (ownsBase) {
                DirectoryTrees.delete(base);
            }
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) {
        HostCommand.run(List.of(command), Duration.ofSeconds(30)).orThrow();
    }
}
