package bbr.s3;

import bbr.artifact.store.BackupFiles;
import bbr.artifact.store.StoredFileWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The files of one backup in S3: the objects {@code PREFIX/NAME/FILE}. */
final class S3BackupFiles implements BackupFiles {

    private final S3Client client;
    private final S3Uploads uploads;
    private final S3Failures failures;
    private final S3Location backup;

    S3BackupFiles(S3Client client, S3Uploads uploads, S3Failures failures, S3Location backup) {
        this.client = client;
        this.uploads = uploads;
        this.failures = failures;
        this.backup = backup;
    }

    @Override
    public String location() {
        return backup.toString();
    }

    @Override
    public StoredFileWriter create(String file) {
        return new MultipartWriter(uploads, backup.child(file));
    }

    /** Nothing: the backup's metadata object is written once, when the backup is whole. */
    @Override
    public StoredFileWriter createProvisional(String file) {
        return new StoredFileWriter() {
            @Override
            public OutputStream stream() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void commit() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public InputStream open(String file) throws IOException {
        S3Location object = backup.child(file);
        try {
            return new ObjectStream(client.getObject(r -> r.bucket(object.bucket()).key(object.key())), object);
        } catch (SdkException e) {
            throw failures.failure("read", object, e);
        }
    }

    @Override
    public OptionalLong size(String file) throws IOException {
        S3Location object = backup.child(file);
        try {
            return OptionalLong.of(client.headObject(r -> r.bucket(object.bucket()).key(object.key())).contentLength());
        } catch (SdkException e) {
            if (S3Failures.isMissing(e)) {
                return OptionalLong.empty();
            }
            throw failures.failure("look up", object, e);
        }
    }

    @Override
    public List<String> list() throws IOException {
        String prefix = backup.keyPrefix();
        List<String> names = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(backup.bucket()).prefix(prefix)
                    .delimiter("/").build();
            for (var page : client.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    names.add(object.key().substring(prefix.length()));
                }
            }
        } catch (SdkException e) {
            throw failures.failure("list", backup, e);
        }
        return names;
    }

    @Override
    public void remove(String file) throws IOException {
        uploads.remove(backup.child(file));
    }

    /** An object's bytes; a failure while reading names the object, as a failure to open it does. */
    private final class ObjectStream extends FilterInputStream {
        private final S3Location object;

        ObjectStream(InputStream in, S3Location object) {
            super(in);
            this.object = object;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | SdkException e) {
                throw failures.failure("read", object, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException | SdkException e) {
                throw failures.failure("read", object, e);
            }
        }
    }
}
