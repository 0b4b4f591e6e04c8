package bbr.orchestration;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import bbr.artifact.BackupMetadata;
import bbr.artifact.store.CountingDigest;
import bbr.artifact.store.Decoding;
import bbr.artifact.store.StoredFile;
import bbr.artifact.store.StoredStreams;
import bbr.artifact.store.ArtifactPlace;
import bbr.log.Logger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code bbr verify}: the operator guide's "test your backup artifact", offline and touching no VM. It checks what
 * restore would, and goes on after a problem so that the report lists every one: the metadata parses and says the
 * backup finished, every listed file is there and nothing else is, every stored file matches its recorded size and
 * SHA-256 (no identity needed), and every tar member matches its content checksum and stays in its job's directory
 * (for an encrypted artifact, with the identity).
 */
public final class Verifier {

    private static final int BUFFER = 1 << 20;

    private final Logger logger;

    public Verifier(Logger logger) {
        this.logger = logger;
    }

    public Outcome verify(ArtifactPlace place, String name, Decoding decoding) {
        Outcome outcome = new Outcome();
        BackupDirectory directory;
        try {
            directory = BackupDirectory.open(place, name, decoding);
        } catch (BackupDirectory.InvalidArtifactException e) {
            problem(outcome, e.getMessage());
            return outcome;
        }
        BackupMetadata metadata = directory.metadata();
        List<ArtifactName> artifacts = metadata.artifacts();
        logger.info("Verifying backup artifact %s: its metadata lists %d artifacts", directory.location(),
                artifacts.size());
        if (metadata.incomplete()) {
            problem(outcome, directory.locationOf(BackupDirectory.METADATA) + " says the backup did not finish"
                    + " (incomplete: true): it holds only part of the deployment");
        }
        checkFileList(directory, outcome);
        long members = 0;
        for (ArtifactName artifact : artifacts) {
            members += check(directory, artifact, decoding, outcome);
        }
        metadata.manifest().ifPresent(manifest -> checkManifest(directory, manifest, decoding, outcome));
        if (!outcome.failed()) {
            logger.info("Backup artifact %s is good: %d artifacts, %d files checked", directory.location(),
                    artifacts.size(), members);
        } else {
            logger.error("Backup artifact %s has %d problems", directory.location(), outcome.errors().size());
        }
        return outcome;
    }

    /** Every listed file is there; every file that is there is listed (or is the plain manifest). */
    private void checkFileList(BackupDirectory directory, Outcome outcome) {
        Set<String> expected = new HashSet<>(Set.of(BackupDirectory.METADATA, BackupDirectory.MANIFEST));
        for (ArtifactName artifact : directory.metadata().artifacts()) {
            expected.add(directory.fileOf(artifact));
            if (directory.metadata().find(artifact).orElseThrow().checksums() == null) {
                problem(outcome, directory.locationOf(BackupDirectory.METADATA) + " has no checksums for "
                        + artifact.fileName());
            }
        }
        directory.metadata().manifest().ifPresent(manifest -> expected.add(manifest.file()));
        try {
            Set<String> present = new HashSet<>(directory.fileNames());
            for (String file : expected) {
                boolean optional = file.equals(BackupDirectory.MANIFEST) || file.equals(BackupDirectory.METADATA);
                if (!optional && !present.contains(file)) {
                    problem(outcome, directory.locationOf(file) + " is listed in the metadata but missing");
                }
            }
            present.stream().filter(file -> !expected.contains(file)).sorted().forEach(file -> problem(outcome,
                    directory.locationOf(file) + " is not listed in the metadata"));
        } catch (IOException e) {
            problem(outcome, "could not list " + directory.location() + ": " + e.getMessage());
        }
    }

    /** Returns the number of files whose content was checked. */
    private long check(BackupDirectory directory, ArtifactName artifact, Decoding decoding, Outcome outcome) {
        String file = directory.locationOf(artifact);
        BackupMetadata.ArtifactEntry entry = directory.metadata().find(artifact).orElseThrow();
        try {
            if (entry.checksums() == null || !directory.has(artifact)) {
                return 0;
            }
        } catch (IOException e) {
            problem(outcome, "could not read " + file + ": " + e.getMessage());
            return 0;
        }
        StoredFile stored = directory.storedOf(artifact).orElse(null);
        if (stored != null && Decoding.isEncrypted(stored.encoding()) && !decoding.decrypts()) {
            if (checkStored(directory, stored, outcome)) {
                problem(outcome, file + " is encrypted: its contents can only be checked with the age identity of"
                        + " one of its recipients, given with --identity FILE (or $BBR_IDENTITY)");
            }
            return 0;
        }
        try {
            ArtifactValidator.checkContents(directory, artifact);
        } catch (BbrError e) {
            problem(outcome, e.getMessage());
            return 0;
        }
        if (stored != null) {
            logger.info("%s: %d bytes stored as %s, matching the recorded SHA-256", file, stored.size(),
                    stored.encoding());
        }
        int files = entry.checksums().byFile().size();
        logger.info("%s: the content checksums of its %d files match", file, files);
        return files;
    }

    /** The manifest has no content checksum: its stored bytes are checked, and with the identity, its decryption. */
    private void checkManifest(BackupDirectory directory, StoredFile manifest, Decoding decoding, Outcome outcome) {
        String file = directory.locationOf(manifest.file());
        if (!decoding.decrypts()) {
            checkStored(directory, manifest, outcome);
            return;
        }
        try (InputStream in = StoredStreams.read(directory.openStored(manifest.file()), manifest.encoding(), manifest,
                decoding, file, UnaryOperator.identity())) {
            in.transferTo(OutputStream.nullOutputStream());
            logger.info("%s: %d bytes stored as %s, matching the recorded SHA-256, and it decrypts",
                    file, manifest.size(), manifest.encoding());
        } catch (IOException e) {
            problem(outcome, "Backup is corrupted: " + (e.getMessage().contains(file) ? e.getMessage()
                    : file + ": " + e.getMessage()));
        }
    }

    /** The stored bytes against metadata, without decoding them; true when they match. */
    private boolean checkStored(BackupDirectory directory, StoredFile stored, Outcome outcome) {
        String file = directory.locationOf(stored.file());
        CountingDigest digest = new CountingDigest();
        try (InputStream in = digest.counting(directory.openStored(stored.file()))) {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) >= 0) {
                // the digest sees every byte
            }
        } catch (IOException e) {
            problem(outcome, "could not read " + file + ": " + e.getMessage());
            return false;
        }
        String sha256 = digest.sha256();
        if (digest.count() != stored.size() || !sha256.equalsIgnoreCase(stored.sha256())) {
            problem(outcome, "Backup is corrupted: " + file + " has " + digest.count() + " bytes with SHA-256 "
                    + sha256 + ", but the metadata records " + stored.size() + " bytes with SHA-256 "
                    + stored.sha256());
            return false;
        }
        logger.info("%s: %d bytes stored as %s, matching the recorded SHA-256", file, stored.size(),
                stored.encoding());
        return true;
    }

    private void problem(Outcome outcome, String message) {
        logger.error(message);
        outcome.add(new BbrError(ErrorKind.GENERAL, message));
    }
}
