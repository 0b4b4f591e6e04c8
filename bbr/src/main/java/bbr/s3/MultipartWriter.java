package bbr.s3;

import bbr.artifact.store.StoredFileWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object being written as the bytes arrive: each full part is sent while the next one fills, and nothing is
 * visible under the key before {@link #commit} completes the upload (a file smaller than one part goes up in one
 * request at the commit). A close without a commit aborts the upload, so the store keeps none of its parts. A part
 * that fails (after the client's retries) fails every later write.
 */
final class MultipartWriter implements StoredFileWriter {

    private final S3Uploads uploads;
    private final S3Location object;
    private final OutputStream stream = new PartStream();
    private final List<Future<CompletedPart>> sent = new ArrayList<>();
    private Part filling;
    private int parts;
    private long written;
    private String uploadId;
    private volatile IOException failure;
    private boolean committed;
    private boolean closed;

    MultipartWriter(S3Uploads uploads, S3Location object) {
        this.uploads = uploads;
        this.object = object;
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public void commit() throws IOException {
        usable();
        if (uploadId == null) {
            uploads.put(object, filling);
            releaseFilling();
        } else {
            if (filling != null && filling.length() > 0) {
                send();
            }
            releaseFilling();
            uploads.complete(object, uploadId, awaitSent());
        }
        committed = true;
        uploads.verifySize(object, written);
    }

    @Override
    public void close() throws IOException {
        if (committed || closed) {
            return;
        }
        closed = true;
        releaseFilling();
        for (Future<CompletedPart> part : sent) {
            try {
                part.get();
            } catch (ExecutionException e) {
                // the upload is aborted below either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (uploadId != null) {
            uploads.abort(object, uploadId);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        usable();
        while (len > 0) {
            if (filling == null) {
                filling = uploads.newPart(object, ++parts);
                usable(); // a part may have failed while this writer waited for buffers
            }
            int n = filling.fill(b, off, len);
            off += n;
            len -= n;
            written += n;
            if (filling.isFull()) {
                send();
            }
        }
    }

    private void send() throws IOException {
        if (uploadId == null) {
            uploadId = uploads.start(object);
        }
        Part part = filling;
        filling = null;
        sent.add(uploads.send(object, uploadId, part, e -> failure = e));
    }

    private List<CompletedPart> awaitSent() throws IOException {
        List<CompletedPart> done = new ArrayList<>(sent.size());
        for (Future<CompletedPart> part : sent) {
            try {
                done.add(part.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? again(io) : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while uploading " + object);
            }
        }
        return done;
    }

    private void usable() throws IOException {
        if (committed || closed) {
            throw new IOException(object + " was already " + (committed ? "committed" : "discarded"));
        }
        if (failure != null) {
            throw again(failure);
        }
    }

    /** The failure once more, with this caller's stack: the first one was thrown on a sender thread. */
    private static IOException again(IOException failure) {
        return new IOException(failure.getMessage(), failure);
    }

    private void releaseFilling() {
        if (filling != null) {
            uploads.release(filling);
            filling = null;
        }
    }

    /** The writer's stream: single bytes are rare here (copies write buffers), so they go through the array path. */
    private final class PartStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            MultipartWriter.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            MultipartWriter.this.write(b, off, len);
        }
    }
}
