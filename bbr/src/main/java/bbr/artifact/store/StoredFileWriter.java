package bbr.artifact.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One file being written to a backup. {@link #commit} makes it visible under its name, whole and durable (local:
 * flushed, {@code fsync}ed and renamed into place; object storage: the multipart upload completed);
 * {@link #close} without a commit discards everything written (local: the temporary file removed; object storage:
 * the multipart upload aborted), so a failed copy never leaves a file that looks whole. Use it as
 * {@code try (StoredFileWriter w = files.create(name)) { copy(w.stream()); w.commit(); }}.
 */
public interface StoredFileWriter extends Closeable {

    /** Where the bytes go; closing it is the writer's business, not the caller's. */
    OutputStream stream();

    /** Finishes the file and makes it visible and durable; after a failure here nothing is visible. */
    void commit() throws IOException;

    /** Discards the file unless it was committed; a no-op after {@link #commit}. */
    @Override
    void close() throws IOException;
}
