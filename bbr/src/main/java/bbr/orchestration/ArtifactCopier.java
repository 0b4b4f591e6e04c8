package bbr.orchestration;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import bbr.artifact.ChecksumDiff;
import bbr.artifact.ChecksumSet;
import bbr.artifact.ChecksumSpill;
import bbr.artifact.Scratch;
import bbr.artifact.Sizes;
import bbr.artifact.SpilledChecksums;
import bbr.artifact.TarChecksummer;
import bbr.artifact.goyaml.GoKeyOrder;
import bbr.instance.Job;
import bbr.instance.VmShell;
import bbr.log.Failures;
import bbr.log.Logger;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.io.input.ReadAheadInputStream;

/**
 * Moves artifacts between VMs and the local artifact directory, verifying each against checksums: the drain
 * after a backup and the upload before a restore.
 */
final class ArtifactCopier {

    private static final int BUFFER = 1 << 20;
    private static final int READ_AHEAD = 1 << 20;
    private static final long HASHED_ON_ARRIVAL_MIN = 16;
    private static final long HASHED_ON_ARRIVAL_BYTES_PER_MEMBER = 1 << 20;

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
            VmShell.DirectorySize size = shell.sizeOf(remoteDirectory);
            logger.info("Copying backup -- %s uncompressed -- for job %s...", Sizes.human(size.du()), where);
            // The VM hashes its files while it tars them: one wall-clock pass instead of the original's two. Both
            // sides spill to disk as they come: the local one sorted for the metadata, the VM's as it arrives.
            Scratch scratch = directory.scratch();
            ChecksumSpill remoteSpill = new ChecksumSpill(scratch, null);
            CompletableFuture<SpilledChecksums> remoteSums = CompletableFuture.supplyAsync(() -> {
                try {
                    shell.checksums(remoteDirectory, remoteSpill);
                    return remoteSpill.finish();
                } catch (IOException e) {
                    remoteSpill.close();
                    throw new CompletionException(e);
                }
            });
            ChecksumSpill localSpill = new ChecksumSpill(scratch, GoKeyOrder.INSTANCE);
            TarChecksummer localSums = new TarChecksummer(localSpill, scratch);
            try (OutputStream file = new BufferedOutputStream(directory.createArtifact(artifact), BUFFER);
                 CopyProgress progress = new CopyProgress(new Tee(file, localSums), logger, cancellation, where,
                         size.tar())) {
                shell.streamTar(remoteDirectory, progress);
            } finally {
                remoteSums.handle((sums, failure) -> null).join(); // never leave the checksum command behind
            }
            logger.info("Finished copying backup -- for job %s...", where);
            logger.info("Starting validity checks -- for job %s...", where);
            logger.debug("Calculating shasum for local file %s", artifact.fileName());
            localSums.finish();
            SpilledChecksums local = localSpill.finish();
            logger.debug("Calculating shasum for remote files");
            ChecksumDiff mismatches;
            try (SpilledChecksums remote = join(remoteSums)) {
                logger.debug("Comparing shasums");
                mismatches = ChecksumDiff.between(local, remote, scratch);
            }
            if (!mismatches.isEmpty()) {
                local.close();
                removePartial(directory, artifact);
                throw new BbrError(ErrorKind.DRAIN, "Backup is corrupted, checksum failed for "
                        + job.instance().label() + " " + job.name() + " - " + mismatches.describe());
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

    /**
     * Sends a job's artifact to its VM and checks the extracted files against the backup's checksums. The artifact
     * is checked as it is sent, so its bytes are read once; a corrupt artifact fails the upload with the error that
     * names the local file, before any lock.
     */
    void upload(Job job, BackupDirectory directory) throws BbrError {
        ArtifactName artifact = job.restoreArtifact();
        String where = job.name() + " on " + job.instance().indexLabel();
        VmShell shell = job.instance().shell();
        ChecksumSet expected = directory.metadata().find(artifact).map(e -> e.checksums()).orElse(null);
        cancellation.check("sending the backup for " + where);
        try (TarCheck local = new TarCheck(directory, artifact);
             ChecksumSpill hashedOnArrival = new ChecksumSpill(directory.scratch(), null)) {
            long size = directory.storedSize(artifact);
            logger.info("Copying backup -- %s uncompressed -- for job %s...", Sizes.human(size), where);
            job.instance().markArtifactRootCreated();
            boolean hashOnArrival = expected != null && !Boolean.getBoolean("bbr.restore.check-after-upload");
            // Progress counts the stored bytes, whose size is known whatever their encoding. Reading, decoding and
            // hashing run a buffer ahead on a thread of their own: the SSH pump's thread encrypts and sends.
            InputStream read = local.watch(directory.openArtifact(artifact, stored -> new ProgressInput(stored,
                    logger, cancellation, where, size)));
            try (InputStream sent = ReadAheadInputStream.builder().setInputStream(read).setBufferSize(READ_AHEAD)
                    .get()) {
                if (hashOnArrival && fewLargeMembers(expected.count(), size)) {
                    shell.extractTarHashing(artifact.remoteDirectory(), sent, hashedOnArrival);
                } else if (hashOnArrival) {
                    shell.extractTarHashingWritten(artifact.remoteDirectory(), sent, hashedOnArrival);
                } else {
                    shell.extractTar(artifact.remoteDirectory(), sent);
                }
            }
            local.verdict();
            ChecksumDiff mismatches = null;
            if (hashOnArrival) {
                try (SpilledChecksums remote = hashedOnArrival.finish()) {
                    mismatches = ChecksumDiff.between(remote, expected, directory.scratch());
                }
                if (!mismatches.isEmpty()) {
                    logger.debug("the members hashed on arrival do not match the metadata (%s): checking the"
                            + " extracted files", mismatches.describe());
                }
            }
            if (expected != null && (mismatches == null || !mismatches.isEmpty())) {
                mismatches = extractedFiles(shell, artifact, expected, directory);
            }
            if (expected == null || !mismatches.isEmpty()) {
                throw new BbrError(ErrorKind.GENERAL, "Backup couldn't be transferred, checksum failed for "
                        + job.instance().label() + " " + job.name() + " - " + (expected == null
                        ? "the backup's metadata has no checksums for " + artifact.fileName()
                        : mismatches.describe()));
            }
            logger.info("Finished copying backup for job %s.", where);
        } catch (TarCheck.Refused e) {
            throw e.error;
        } catch (IOException e) {
            BbrError cancelled = Cancellation.ofCopy(e, "sending the backup for " + where);
            throw cancelled != null ? cancelled : new BbrError(ErrorKind.GENERAL,
                    "Unable to send backup to remote machine for job " + where + ". Got error: " + message(e), e);
        }
    }

    /**
     * How the VM checks what it unpacks while the upload runs, so that the check is off the critical path. Few
     * members or large ones (a database dump): hashed from the stream as tar unpacks them, which costs two
     * processes per member but never reads a file back. Many small ones (a blobstore): each file hashed from the
     * page cache just after tar wrote it. The stream's extra trips through pipes cost the VM about 3 CPU s per GiB
     * more than hashing the files afterwards (bench, shared machine): where the VM shares the jumpbox's cores,
     * {@code -Dbbr.restore.check-after-upload=true} (in {@code BBR_JAVA_OPTS}) hashes the extracted files after the
     * upload instead.
     */
    private static boolean fewLargeMembers(long members, long storedSize) {
        return members <= Math.max(HASHED_ON_ARRIVAL_MIN, storedSize / HASHED_ON_ARRIVAL_BYTES_PER_MEMBER);
    }

    /** The VM's checksums of the files tar wrote, against the metadata's. */
    private static ChecksumDiff extractedFiles(VmShell shell, ArtifactName artifact, ChecksumSet expected,
                                               BackupDirectory directory) throws IOException {
        try (ChecksumSpill remoteSpill = new ChecksumSpill(directory.scratch(), null)) {
            shell.checksums(artifact.remoteDirectory(), remoteSpill);
            try (SpilledChecksums remote = remoteSpill.finish()) {
                return ChecksumDiff.between(remote, expected, directory.scratch());
            }
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

    private static SpilledChecksums join(CompletableFuture<SpilledChecksums> future) throws IOException {
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

    /** Writes every byte to two streams: the file first, so that a checksummer failure leaves nothing unwritten. */
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
