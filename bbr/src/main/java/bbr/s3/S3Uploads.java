package bbr.s3;

import bbr.concurrent.Daemons;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The S3 calls behind every file written to one place, and what they share: the client, the buffers, and the
 * threads that send parts while the writer fills the next one. Each call's failure is an {@link IOException} that
 * names the object and the endpoint.
 */
final class S3Uploads implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client client;
    private final S3Settings settings;
    private final S3Failures failures;
    private final PartBuffers buffers;
    private final PartPlan plan;
    private final ExecutorService senders;
    /**
     * Over HTTPS the SDK sends the payload unsigned, and Content-MD5 is the store's check of the bytes; over plain
     * HTTP it signs the payload's SHA-256, which the store verifies, so an MD5 as well would only cost CPU.
     */
    private final boolean contentMd5;

    S3Uploads(S3Client client, S3Settings settings, S3Failures failures) {
        this.client = client;
        this.settings = settings;
        this.failures = failures;
        this.buffers = new PartBuffers(settings.partSize(), settings.partsInFlight());
        this.plan = new PartPlan(settings.partSize(), settings.partsInFlight());
        this.senders = Executors.newFixedThreadPool(settings.partsInFlight(), Daemons.numbered("s3-upload-"));
        this.contentMd5 = settings.endpoint() == null || "https".equals(settings.endpoint().getScheme());
    }

    /** Empty buffers for part {@code number} of {@code object}, once enough are free. */
    Part newPart(S3Location object, int number) throws IOException {
        if (number > PartPlan.MAX_PARTS) {
            throw new IOException("cannot upload " + object + ": it is larger than " + plan.largestFile() / (1L << 30)
                    + " GiB, S3's 10,000 parts of this BBR_S3_PART_SIZE and BBR_S3_PARTS_IN_FLIGHT; raise either");
        }
        return new Part(number, buffers.take(plan.buffersFor(number)), buffers.size());
    }

    void release(Part part) {
        buffers.give(part.buffers());
    }

    String start(S3Location object) throws IOException {
        try {
            return client.createMultipartUpload(r -> r.bucket(object.bucket()).key(object.key()).contentType(CONTENT_TYPE))
                    .uploadId();
        } catch (SdkException e) {
            throw failures.failure("start the upload of", object, e);
        }
    }

    /** Sends {@code part} on a sender thread, which gives its buffers back whatever happens. */
    Future<CompletedPart> send(S3Location object, String uploadId, Part part, Consumer<IOException> onFailure) {
        return senders.submit(() -> {
            try {
                String md5 = contentMd5 ? part.md5() : null;
                String etag = client.uploadPart(r -> r.bucket(object.bucket()).key(object.key()).uploadId(uploadId)
                        .partNumber(part.number()).contentLength((long) part.length()).contentMD5(md5),
                        RequestBody.fromContentProvider(part::stream, part.length(), CONTENT_TYPE)).eTag();
                return CompletedPart.builder().partNumber(part.number()).eTag(etag).build();
            } catch (RuntimeException e) {
                IOException failure = failures.failure("upload part " + part.number() + " of", object, e);
                onFailure.accept(failure);
                throw failure;
            } finally {
                release(part);
            }
        });
    }

    /** A file that fits in one part goes up in one request, with its Content-MD5; {@code part} null: empty. */
    void put(S3Location object, Part part) throws IOException {
        try {
            RequestBody body = part == null ? RequestBody.empty()
                    : RequestBody.fromContentProvider(part::stream, part.length(), CONTENT_TYPE);
            String md5 = !contentMd5 ? null : part == null ? new Part(0, List.of(), 1).md5() : part.md5();
            client.putObject(r -> r.bucket(object.bucket()).key(object.key()).contentType(CONTENT_TYPE)
                    .contentLength(part == null ? 0L : part.length()).contentMD5(md5), body);
        } catch (SdkException e) {
            throw failures.failure("upload", object, e);
        }
    }

    void complete(S3Location object, String uploadId, List<CompletedPart> parts) throws IOException {
        try {
            client.completeMultipartUpload(r -> r.bucket(object.bucket()).key(object.key()).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        } catch (SdkException e) {
            throw failures.failure("complete the upload of", object, e);
        }
    }

    /** The object as stored has the size bbr wrote; else it is removed, so that nothing wrong looks whole. */
    void verifySize(S3Location object, long written) throws IOException {
        long stored;
        try {
            stored = client.headObject(r -> r.bucket(object.bucket()).key(object.key())).contentLength();
        } catch (SdkException e) {
            throw failures.failure("check the size of", object, e);
        }
        if (stored != written) {
            remove(object);
            throw new IOException("cannot upload " + object + " at " + settings.endpointShown() + ": the store holds "
                    + stored + " bytes of the " + written + " sent; the object was removed");
        }
    }

    void remove(S3Location object) throws IOException {
        try {
            client.deleteObject(r -> r.bucket(object.bucket()).key(object.key()));
        } catch (SdkException e) {
            throw failures.failure("remove", object, e);
        }
    }

    /**
     * Aborts the upload, trying again for the settings' patience while the store cannot be reached, so that a store
     * that comes back holds nothing of a file that failed. An upload the store no longer knows counts as aborted.
     */
    void abort(S3Location object, String uploadId) throws IOException {
        Instant giveUp = Instant.now().plus(settings.abortPatience());
        Duration pause = Duration.ofMillis(500);
        while (true) {
            try {
                client.abortMultipartUpload(r -> r.bucket(object.bucket()).key(object.key()).uploadId(uploadId));
                return;
            } catch (AwsServiceException e) {
                if (e.statusCode() == 404) {
                    return;
                }
                throw abortFailure(object, uploadId, e);
            } catch (SdkException e) {
                if (Instant.now().plus(pause).isAfter(giveUp)) {
                    throw abortFailure(object, uploadId, e);
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while aborting the upload of " + object);
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                    : pause.multipliedBy(2);
        }
    }

    private IOException abortFailure(S3Location object, String uploadId, SdkException e) {
        IOException failure = new IOException("cannot abort the unfinished upload of " + object + " at "
                + settings.endpointShown() + ": " + S3Failures.cause(e) + "; it holds the parts sent so far until"
                + " removed with: aws s3api abort-multipart-upload" + (settings.endpoint() == null ? ""
                : " --endpoint-url " + settings.endpoint()) + " --bucket " + object.bucket() + " --key "
                + object.key() + " --upload-id " + uploadId);
        failure.initCause(e);
        return failure;
    }

    @Override
    public void close() {
        senders.shutdownNow();
        client.close();
    }
}
