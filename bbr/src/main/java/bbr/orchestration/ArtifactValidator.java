package bbr.orchestration;

import bbr.log.Failures;
import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import bbr.artifact.BackupMetadata;
import bbr.artifact.Checksums;
import bbr.artifact.TarChecksummer;
import bbr.concurrent.Daemons;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Checks a local artifact before restore touches any VM: every tar the metadata lists exists, hashes to the
 * recorded checksums, and extracts inside its own directory.
 */
final class ArtifactValidator {

    private static final int BUFFER = 1 << 20;

    private ArtifactValidator() {
    }

    /**
     * Starts {@link #checkContents} on a thread of its own and returns the wait for its verdict, so that a restore
     * can hash its artifact while it connects to the VMs. The same error is thrown on every wait.
     */
    static BeforeChanges checkContentsInBackground(BackupDirectory directory) {
        CompletableFuture<BbrError> verdict = new CompletableFuture<>();
        // a daemon: a run that ends early must not wait for the hash
        Daemons.start(() -> {
            try {
                checkContents(directory);
                verdict.complete(null);
            } catch (BbrError e) {
                verdict.complete(e);
            } catch (RuntimeException | Error e) {
                verdict.complete(new BbrError(ErrorKind.GENERAL, "Backup is corrupted: could not validate "
                        + directory.location() + ": " + Failures.describe(e), e));
            }
        }, "validate-artifact");
        return () -> {
            BbrError failure = verdict.join();
            if (failure != null) {
                throw failure;
            }
        };
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
     * Hashes every listed tar against its recorded checksums and refuses entries that would land outside the
     * job's directory. Reads every byte once: about a second per GiB.
     */
    static void checkContents(BackupDirectory directory) throws BbrError {
        for (ArtifactName artifact : directory.metadata().artifacts()) {
            checkContents(directory, artifact);
        }
    }

    /** One artifact's part of {@link #checkContents(BackupDirectory)}; verify checks each on its own. */
    static void checkContents(BackupDirectory directory, ArtifactName artifact) throws BbrError {
        String file = directory.locationOf(artifact);
        Checksums expected = directory.metadata().find(artifact).orElseThrow().checksums();
        TarChecksummer actual = new TarChecksummer();
        try (InputStream in = directory.openArtifact(artifact)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                actual.write(buffer, 0, n);
            }
            List<String> unsafe = actual.unsafeNames();
            if (!unsafe.isEmpty()) {
                throw new BbrError(ErrorKind.GENERAL, "Backup is corrupted: " + file
                        + " has entries that would be written outside the job's directory: " + unsafe);
            }
            List<String> mismatches = actual.checksums().mismatchesWith(expected);
            if (!mismatches.isEmpty()) {
                throw new BbrError(ErrorKind.GENERAL, "Backup is corrupted: " + file + " - "
                        + Checksums.describeMismatch(mismatches));
            }
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, "Backup is corrupted: "
                    + StoredFileProbe.message(e, directory, artifact), e);
        }
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
