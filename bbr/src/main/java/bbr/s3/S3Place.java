package bbr.s3;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * {@code s3://BUCKET[/PREFIX]}: each backup is the objects {@code PREFIX/NAME/FILE}. A backup exists as soon as one
 * of its objects does; the metadata object, written last, is what makes it complete. Close it when done: it holds
 * the client's connections and the upload threads.
 */
public final class S3Place implements ArtifactPlace, AutoCloseable {

    private static final String PROBE = ".bbr-write-probe-";

    private final S3Location location;
    private final S3Client client;
    private final S3Failures failures;
    private final S3Uploads uploads;

    private S3Place(S3Location location, S3Client client, S3Settings settings) {
        this.location = location;
        this.client = client;
        this.failures = new S3Failures(settings.endpointShown());
        this.uploads = new S3Uploads(client, settings, failures);
    }

    /**
     * The place {@code url} names, reached as {@code settings} say; nothing is sent yet.
     *
     * @throws IllegalArgumentException naming the URL or the setting that is wrong
     */
    public static S3Place open(String url, S3Settings settings) {
        S3Location location = S3Location.parse(url);
        return new S3Place(location, S3Clients.create(settings), settings);
    }

    @Override
    public String location() {
        return location.toString();
    }

    /** Lists the prefix (bucket there, credentials accepted), then writes and removes a small probe object. */
    @Override
    public void checkWritable() throws IOException {
        try {
            client.listObjectsV2(r -> r.bucket(location.bucket()).prefix(location.keyPrefix()).maxKeys(1));
        } catch (SdkException e) {
            throw failures.failure("use", location, e);
        }
        S3Location probe = location.child(PROBE + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)));
        try (MultipartWriter writer = new MultipartWriter(uploads, probe)) {
            writer.stream().write(new byte[] {'b', 'b', 'r', '\n'});
            writer.commit();
        }
        uploads.remove(probe);
    }

    @Override
    public BackupFiles create(String name) throws IOException {
        S3Location backup = location.child(name);
        if (holdsAny(backup)) {
            throw new IOException("cannot create the backup " + backup + ": it already exists");
        }
        return files(backup);
    }

    @Override
    public BackupFiles open(String name) throws IOException {
        S3Location backup = location.child(name);
        if (!holdsAny(backup)) {
            throw new NoSuchFileException(backup.toString(), null, "no such backup at " + failures.endpoint());
        }
        return files(backup);
    }

    @Override
    public List<String> backups() throws IOException {
        String prefix = location.keyPrefix();
        List<String> names = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix)
                    .delimiter("/").build();
            for (var page : client.listObjectsV2Paginator(request)) {
                for (CommonPrefix common : page.commonPrefixes()) {
                    String name = common.prefix().substring(prefix.length());
                    // Dot names are never backups: bbr's own probe, or a store's unfinished uploads (s3proxy's
                    // filesystem backend keeps them as ".mpus-…" objects that listings show).
                    if (!name.startsWith(".")) {
                        names.add(name.substring(0, name.length() - 1));
                    }
                }
            }
        } catch (SdkException e) {
            throw failures.failure("list", location, e);
        }
        return names;
    }

    @Override
    public void close() {
        uploads.close();
    }

    private BackupFiles files(S3Location backup) {
        return new S3BackupFiles(client, uploads, failures, backup);
    }

    private boolean holdsAny(S3Location backup) throws IOException {
        try {
            return client.listObjectsV2(r -> r.bucket(backup.bucket()).prefix(backup.keyPrefix()).maxKeys(1))
                    .keyCount() > 0;
        } catch (SdkException e) {
            throw failures.failure("look up", backup, e);
        }
    }
}
