package bbr.artifact.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --artifact-path} and every {@code --copy-to} as one place: each must prove itself writable before
 * anything is locked, and a new backup is a {@link Copies} over all of them. Reading and listing use the first.
 */
public final class CopyingPlace implements ArtifactPlace {

    private final List<ArtifactPlace> places;
    private final boolean readBack;

    /** @param places the {@code --artifact-path} first, then each {@code --copy-to} in the order given */
    public CopyingPlace(List<ArtifactPlace> places, boolean readBack) {
        if (places.isEmpty()) {
            throw new IllegalArgumentException("no place to write to");
        }
        this.places = List.copyOf(places);
        this.readBack = readBack;
    }

    @Override
    public String location() {
        return places.get(0).location();
    }

    /** Checks every place, and names each one that fails. */
    @Override
    public void checkWritable() throws IOException {
        List<String> problems = new ArrayList<>();
        for (ArtifactPlace place : places) {
            try {
                place.checkWritable();
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(String.join("\n", problems));
        }
    }

    /** The backup in every place; a place where it cannot be created starts out as a failed copy. */
    @Override
    public Copies create(String name) throws IOException {
        List<Destination> destinations = new ArrayList<>();
        for (ArtifactPlace place : places) {
            try {
                BackupFiles files = place.create(name);
                destinations.add(new Destination(files.location(), files));
            } catch (IOException e) {
                Destination failed = new Destination(place.location(), null);
                failed.fail("cannot create the backup " + name + ": " + e.getMessage());
                destinations.add(failed);
            }
        }
        Copies copies = new Copies(destinations, readBack);
        copies.requireAny();
        return copies;
    }

    @Override
    public BackupFiles open(String name) throws IOException {
        return places.get(0).open(name);
    }

    @Override
    public List<String> backups() throws IOException {
        return places.get(0).backups();
    }

    /** Closes every place. */
    @Override
    public void close() {
        places.forEach(ArtifactPlace::close);
    }
}
