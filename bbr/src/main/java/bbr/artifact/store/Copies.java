package bbr.artifact.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One backup written to several places in the same pass ({@code --artifact-path} and each {@code --copy-to}): every
 * file's bytes go to each place as they arrive, each copy is committed and verified on its own, and a place that
 * fails drops out (its partial file discarded) while the others go on. {@link #report} says which copies are good;
 * a write fails only when no place is left. Reads come from the first good copy.
 */
public final class Copies implements BackupFiles {

    private final List<Destination> destinations;
    private final boolean readBack;

    Copies(List<Destination> destinations, boolean readBack) {
        this.destinations = List.copyOf(destinations);
        this.readBack = readBack;
    }

    /**
     * @param backups  the same backup in each place, the first one the {@code --artifact-path}
     * @param readBack whether each copy is also read back after its commit and its SHA-256 compared with that of
     *                 the bytes sent; without it, a copy is verified by the store's own checks and its stored size
     */
    public static Copies of(List<BackupFiles> backups, boolean readBack) {
        return new Copies(backups.stream().map(b -> new Destination(b.location(), b)).toList(), readBack);
    }

    /** Which copies are good so far; after the last commit, the outcome. */
    public CopyReport report() {
        return new CopyReport(destinations.stream().map(Destination::result).toList());
    }

    @Override
    public String location() {
        return destinations.get(0).location();
    }

    @Override
    public StoredFileWriter create(String file) throws IOException {
        return new CopyWriter(file, good(), readBack, false, this::noneLeft);
    }

    /** Provisional in every copy: kept where the place keeps provisional files, and then verified as any. */
    @Override
    public StoredFileWriter createProvisional(String file) throws IOException {
        return new CopyWriter(file, good(), readBack, true, this::noneLeft);
    }

    @Override
    public InputStream open(String file) throws IOException {
        return first().files().open(file);
    }

    @Override
    public OptionalLong size(String file) throws IOException {
        return first().files().size(file);
    }

    @Override
    public List<String> list() throws IOException {
        return first().files().list();
    }

    /** The first copy's, when it is local: temporary files are the run's, not the copies'. */
    @Override
    public Optional<Path> scratchDirectory() {
        return destinations.stream().filter(Destination::isGood).findFirst()
                .flatMap(destination -> destination.files().scratchDirectory());
    }

    /** Removes the file from every copy still good; a copy where that fails is no longer good. */
    @Override
    public void remove(String file) throws IOException {
        for (Destination destination : good()) {
            try {
                destination.files().remove(file);
            } catch (IOException e) {
                destination.fail("cannot remove " + file + ": " + e.getMessage());
            }
        }
        noneLeft();
    }

    private List<Destination> good() throws IOException {
        List<Destination> good = destinations.stream().filter(Destination::isGood).toList();
        if (good.isEmpty()) {
            noneLeft();
        }
        return good;
    }

    private Destination first() throws IOException {
        return good().get(0);
    }

    /** Throws when every copy has failed: then there is nowhere left to write. */
    void requireAny() throws IOException {
        noneLeft();
    }

    private void noneLeft() throws IOException {
        if (destinations.stream().noneMatch(Destination::isGood)) {
            throw new IOException("every copy of the backup failed: " + destinations.stream()
                    .map(d -> d.result().location() + ": " + String.join("; ", d.result().problems()))
                    .collect(Collectors.joining(", ")));
        }
    }
}
