package bbr.orchestration;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import bbr.artifact.BackupMetadata;
import java.io.IOException;

/**
 * Checks a local artifact: before restore touches any VM, that every tar the metadata lists exists with its
 * stored size; for verify (and, as it sends them, for restore), that each hashes to the recorded checksums and
 * extracts inside its own directory.
 */
final class ArtifactValidator {

    private ArtifactValidator() {
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
