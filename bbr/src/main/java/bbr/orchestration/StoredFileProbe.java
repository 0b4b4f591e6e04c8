package bbr.orchestration;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens an artifact's stored file and decodes its first bytes: enough to refuse, in a moment and before any VM is
 * touched, an encrypted artifact without an identity, with a wrong one, or whose header is not age or zstd at all.
 * The whole file is checked later, while discovery connects.
 */
final class StoredFileProbe {

    private StoredFileProbe() {
    }

    static void check(BackupDirectory directory, ArtifactName artifact) throws BbrError {
        if (directory.storedOf(artifact).isEmpty()) {
            return; // a plain tar: nothing to decode, its hash comes next
        }
        try (InputStream in = directory.openArtifact(artifact)) {
            in.read();
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, "Backup cannot be read: " + message(e, directory, artifact), e);
        }
    }

    /** The message names the file: bbr's own messages do; a library's follows "could not validate FILE". */
    static String message(IOException e, BackupDirectory directory, ArtifactName artifact) {
        String file = directory.locationOf(artifact);
        String message = e.getMessage() != null ? e.getMessage() : "an I/O error";
        return message.contains(file) ? message : "could not validate " + file + ": " + message;
    }
}
