package bbr.orchestration;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupDirectory;
import bbr.artifact.ChecksumDiff;
import bbr.artifact.ChecksumSet;
import bbr.artifact.ChecksumSpill;
import bbr.artifact.SpilledChecksums;
import bbr.artifact.TarChecksummer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Checks one artifact's plain tar against its metadata while it is read, for whoever reads it: verify, or the
 * upload of a restore, which so reads the stored bytes once. A member that would land outside the job's directory
 * stops the read before its header is handed on, and every failure to read or decode the file becomes a
 * {@link Refused} carrying the "Backup is corrupted" error, so that an upload can tell it from a failure of the
 * connection. The checksums spill to disk as they come.
 */
final class TarCheck implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final BackupDirectory directory;
    private final ArtifactName artifact;
    private final String file;
    private final ChecksumSpill spill;
    private final TarChecksummer sums;

    TarCheck(BackupDirectory directory, ArtifactName artifact) {
        this.directory = directory;
        this.artifact = artifact;
        this.file = directory.locationOf(artifact);
        this.spill = new ChecksumSpill(directory.scratch(), null);
        this.sums = new TarChecksummer(spill, directory.scratch());
    }

    /** Reads the whole artifact through the check, then gives the verdict. */
    static void readWhole(BackupDirectory directory, ArtifactName artifact) throws BbrError {
        try (TarCheck check = new TarCheck(directory, artifact);
             InputStream in = check.watch(directory.openArtifact(artifact))) {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) >= 0) {
                // the check sees every byte as it passes
            }
            in.close();
            check.verdict();
        } catch (Refused e) {
            throw e.error;
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, corrupted(e, directory, artifact), e);
        }
    }

    /** The artifact's plain bytes as {@code plain} yields them, each hashed before it is handed on. */
    InputStream watch(InputStream plain) {
        return new FilterInputStream(plain) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = readLocal(in, bytes, offset, length);
                if (n > 0) {
                    hash(bytes, offset, n);
                    if (sums.unsafeCount() > 0) {
                        drain(in); // every unsafe name, for the message; nothing more is handed on
                        throw new Refused(unsafe());
                    }
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } catch (IOException e) {
                    throw refused(e);
                }
            }
        };
    }

    /**
     * After the last byte was read: refuses a tar that ended in the middle of an entry, or whose members' checksums
     * differ from the metadata, naming the file and the members.
     */
    void verdict() throws BbrError {
        ChecksumSet expected = directory.metadata().find(artifact).orElseThrow().checksums();
        ChecksumDiff mismatches;
        try {
            sums.finish();
            try (SpilledChecksums found = spill.finish()) {
                mismatches = ChecksumDiff.between(found, expected, directory.scratch());
            }
        } catch (IOException e) {
            throw new BbrError(ErrorKind.GENERAL, corrupted(e, directory, artifact), e);
        }
        if (!mismatches.isEmpty()) {
            throw new BbrError(ErrorKind.GENERAL, "Backup is corrupted: " + file + " - " + mismatches.describe());
        }
    }

    @Override
    public void close() {
        spill.close();
    }

    private void hash(byte[] bytes, int offset, int n) throws Refused {
        try {
            sums.write(bytes, offset, n);
        } catch (IOException e) {
            throw refused(e);
        }
    }

    private void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = readLocal(in, buffer, 0, buffer.length)) > 0; ) {
            hash(buffer, 0, n);
        }
    }

    /** The operator's cancel passes unchanged: the upload names what it stopped. */
    private int readLocal(InputStream in, byte[] bytes, int offset, int length) throws IOException {
        try {
            return in.read(bytes, offset, length);
        } catch (CopyProgress.CancelledCopy e) {
            throw e;
        } catch (IOException e) {
            throw refused(e);
        }
    }

    private Refused refused(IOException e) {
        return e instanceof Refused r ? r
                : new Refused(new BbrError(ErrorKind.GENERAL, corrupted(e, directory, artifact), e));
    }

    private BbrError unsafe() {
        List<String> names = sums.unsafeNames();
        long more = sums.unsafeCount() - names.size();
        return new BbrError(ErrorKind.GENERAL, "Backup is corrupted: " + file
                + " has entries that would be written outside the job's directory: " + names
                + (more > 0 ? " and " + more + " more" : ""));
    }

    private static String corrupted(IOException e, BackupDirectory directory, ArtifactName artifact) {
        return "Backup is corrupted: " + StoredFileProbe.message(e, directory, artifact);
    }

    /** The local artifact cannot be used: the error says which file and why. */
    static final class Refused extends IOException {
        final BbrError error;

        Refused(BbrError error) {
            super(error.getMessage(), error);
            this.error = error;
        }
    }
}
