package bbr.orchestration;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import bbr.artifact.BackupMetadata;
import bbr.concurrent.Daemons;
import bbr.log.Failures;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a local artifact before restore touches any VM: every tar the metadata lists exists, hashes to the
 * recorded checksums, and extracts inside its own directory.
 */
final class ArtifactValidator {

    private ArtifactValidator() {
    }

    /**
     * Starts {@link #checkContents} for every tar in the background and returns the wait for its verdict, so that a restore can
     * hash its artifact while the Director answers. The tars are hashed on as many threads as there are cores (a
     * deployment's four tars take a quarter of the wall time on four); the verdict is the first failing tar's in the
     * metadata's order, whichever finished first, and the same error is thrown on every wait.
     */
    static BeforeChanges checkContentsInBackground(BackupDirectory directory) {
        List<ArtifactName> artifacts = directory.metadata().artifacts();
        List<CompletableFuture<BbrError>> verdicts = artifacts.stream().map(a -> new CompletableFuture<BbrError>())
                .toList();
        AtomicInteger next = new AtomicInteger();
        int threads = Math.min(artifacts.size(), Runtime.getRuntime().availableProcessors());
        for (int t = 0; t < threads; t++) {
            // daemons: a run that ends early must not wait for the hash
            Daemons.start(() -> {
                for (int i; (i = next.getAndIncrement()) < artifacts.size(); ) {
                    verdicts.get(i).complete(verdictOf(directory, artifacts.get(i)));
                }
            }, "validate-artifact-" + t);
        }
        return () -> {
            for (CompletableFuture<BbrError> verdict : verdicts) {
                BbrError failure = verdict.join();
                if (failure != null) {
                    throw failure;
                }
            }
        };
    }

    private static BbrError verdictOf(BackupDirectory directory, ArtifactName artifact) {
        try {
            checkContents(directory, artifact);
            return null;
        } catch (BbrError e) {
            return e;
        } catch (RuntimeException | Error e) {
            return new BbrError(ErrorKind.GENERAL, "Backup is corrupted: could not validate "
                    + directory.locationOf(artifact) + ": " + Failures.describe(e), e);
        }
    }

    /**
     * The quick checks, metadata only: not from a failed backup, checksums recorded, every listed tar present.
     */
    static void checkListed(BackupDirectory directory) throws BbrError {
        BackupMetadata metadata = directory.metadata();
        if (metadata.incomplete()) {
            throw new BbrError(ErrorKind.GENERAL, "Backup is incomplete: " + directory.location()
                    + " is from a backup that failed, so it holds only part of the deployment; refusing to restore it");
        }
        for (ArtifactName artifact : metadata.artifacts()) {
            String file = directory.locationOf(artifact);
            if (metadata.find(artifact).orElseThrow().checksums() == null) {
                throw new BbrError(ErrorKind.GENERAL, "Backup is corrupted: " + directory.locationOf("metadata")
                        + " has no checksums for " + artifact.fileName());
            }
            if (!present(directory, artifact)) {
                throw new BbrError(ErrorKind.GENERAL, "Backup is corrupted: " + file
                        + " is listed in the metadata but missing");
            }
            StoredFileProbe.check(directory, artifact);
        }
    }

    /**
     * Hashes a listed tar against its recorded checksums and refuses entries that would land outside the job's
     * directory, reading every byte once (about a second per GiB). The tar's checksums spill to disk as they come
     * and are compared by fingerprint: memory does not grow with its files.
     */
    static void checkContents(BackupDirectory directory, ArtifactName artifact) throws BbrError {
        TarCheck.readWhole(directory, artifact);
    }

    private static boolean present(BackupDirectory directory, ArtifactName artifact) throws BbrError {
        try {
            return directory.has(artifact);
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, "Backup is corrupted: could not read "
                    + directory.locationOf(artifact) + ": " + e.getMessage(), e);
        }
    }
}
