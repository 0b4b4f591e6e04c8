package bbr.orchestration;

import bbr.log.Failures;
import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import bbr.artifact.Checksums;
import bbr.artifact.Sizes;
import bbr.artifact.TarChecksummer;
import bbr.instance.Job;
import bbr.instance.VmShell;
import bbr.log.Logger;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Moves artifacts between VMs and the local artifact directory, verifying each against checksums: the drain
 * after a backup and the upload before a restore.
 */
final class ArtifactCopier {

    private static final int BUFFER = 1 << 20;

    private final Logger logger;
    private final Cancellation cancellation;

    ArtifactCopier(Logger logger, Cancellation cancellation) {
        this.logger = logger;
        this.cancellation = cancellation;
    }

    /**
     * Streams one job's artifact to disk while hashing it, checks the hashes against the VM's own, records them
     * in the metadata, and only then deletes the job's remote directory.
     */
    void drain(Job job, BackupDirectory directory) throws BbrError {
        ArtifactName artifact = job.backupArtifact();
        String where = job.name() + " on " + job.instance().label();
        VmShell shell = job.instance().shell();
        String remoteDirectory = artifact.remoteDirectory();
        cancellation.check("copying the backup of " + where);
        try {
            long size = shell.sizeOf(remoteDirectory);
            logger.info("Copying backup -- %s uncompressed -- for job %s...", Sizes.human(size), where);
            // The VM hashes its files while it tars them: one wall-clock pass instead of the original's two.
            CompletableFuture<Checksums> remoteSums = CompletableFuture.supplyAsync(() -> {
                try {
                    return Checksums.of(shell.checksums(remoteDirectory));
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            TarChecksummer localSums = new TarChecksummer();
            try (OutputStream file = new BufferedOutputStream(directory.createArtifact(artifact), BUFFER);
                 CopyProgress progress = new CopyProgress(new Tee(file, localSums), logger, cancellation, where, size)) {
                shell.streamTar(remoteDirectory, progress);
            } finally {
                remoteSums.handle((sums, failure) -> null).join(); // never leave the checksum command behind
            }
            logger.info("Finished copying backup -- for job %s...", where);
            logger.info("Starting validity checks -- for job %s...", where);
            logger.debug("Calculating shasum for local file %s", artifact.fileName());
            Checksums local = localSums.checksums();
            logger.debug("Calculating shasum for remote files");
            Checksums remote = join(remoteSums);
            logger.debug("Comparing shasums");
            List<String> mismatches = local.mismatchesWith(remote);
            if (!mismatches.isEmpty()) {
                removePartial(directory, artifact);
                throw new BbrError(ErrorKind.DRAIN, "Backup is corrupted, checksum failed for "
                        + job.instance().label() + " " + job.name() + " - " + Checksums.describeMismatch(mismatches));
            }
            directory.record(artifact, local);
            logger.info("Finished validity checks -- for job %s...", where);
            shell.remove(remoteDirectory);
        } catch (IOException | RuntimeException e) {
            removePartial(directory, artifact);
            BbrError cancelled = Cancellation.ofCopy(e, "copying the backup of " + where);
            throw cancelled != null ? cancelled
                    : new BbrError(ErrorKind.DRAIN, "Error streaming backup for job " + where + ": " + message(e), e);
        }
    }

    /** Sends a job's artifact to its VM, then checks the extracted files against the backup's checksums. */
    void upload(Job job, BackupDirectory directory) throws BbrError {
        ArtifactName artifact = job.restoreArtifact();
        String where = job.name() + " on " + job.instance().indexLabel();
        VmShell shell = job.instance().shell();
        Checksums expected = directory.metadata().find(artifact).map(e -> e.checksums()).orElse(null);
        cancellation.check("sending the backup for " + where);
        try {
            long size = directory.storedSize(artifact);
            logger.info("Copying backup -- %s uncompressed -- for job %s...", Sizes.human(size), where);
            job.instance().markArtifactRootCreated();
            // progress counts the stored bytes, whose size is known whatever their encoding
            try (InputStream file = directory.openArtifact(artifact, stored -> new ProgressInput(stored, logger,
                    cancellation, where, size))) {
                shell.extractTar(artifact.remoteDirectory(), file);
            }
            Checksums remote = Checksums.of(shell.checksums(artifact.remoteDirectory()));
            List<String> mismatches = expected == null ? List.of() : remote.mismatchesWith(expected);
            if (expected == null || !mismatches.isEmpty()) {
                throw new BbrError(ErrorKind.GENERAL, "Backup couldn't be transferred, checksum failed for "
                        + job.instance().label() + " " + job.name() + " - " + (expected == null
                        ? "the backup's metadata has no checksums for " + artifact.fileName()
                        : Checksums.describeMismatch(mismatches)));
            }
            logger.info("Finished copying backup for job %s.", where);
        } catch (IOException e) {
            BbrError cancelled = Cancellation.ofCopy(e, "sending the backup for " + where);
            throw cancelled != null ? cancelled : new BbrError(ErrorKind.GENERAL,
                    "Unable to send backup to remote machine for job " + where + ". Got error: " + message(e), e);
        }
    }

    /** A tar whose copy failed is not kept: half a file would look like an artifact. */
    private void removePartial(BackupDirectory directory, ArtifactName artifact) {
        try {
            directory.discard(artifact);
        } catch (IOException e) {
            logger.warn("could not remove the partial artifact %s: %s", directory.locationOf(artifact),
                    e.getMessage());
        }
    }

    private static Checksums join(CompletableFuture<Checksums> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return Failures.describe(cause);
    }

    /** Writes every byte to two streams; the checksummer never fails on I/O, so order does not matter. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
