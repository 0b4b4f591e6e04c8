package bbr.artifact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link ArtifactPlace} and its {@link BackupFiles} must do, whatever the place: a suite each
 * implementation runs against the real thing (restic's backend tests are the model). A subclass gives a new, empty
 * place for each test; one instance serves every test of the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackupFilesContract {

    protected static final String BACKUP = "redis_20261127T001500Z";

    /** A place that holds no backup yet; a new one for every test. */
    protected abstract ArtifactPlace emptyPlace() throws IOException;

    /** A size the place stores in more than one piece (an S3 part), so that several pieces are exercised. */
    protected abstract int pieceSize();

    /** File sizes around the piece boundaries, for the round-trip tests. */
    protected int[] sizes() {
        int piece = pieceSize();
        return new int[] {0, 1, piece - 1, piece, piece + 1, 2 * piece + 17};
    }

    @Test
    void checkWritable_passesOnAnEmptyPlace_andLeavesNoBackupBehind() throws IOException {
        ArtifactPlace place = emptyPlace();

        place.checkWritable();

        assertThat(place.backups()).isEmpty();
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void committedFile_readsBackByteForByte_withItsSize(int size) throws IOException {
        BackupFiles files = emptyPlace().create(BACKUP);
        byte[] data = random(size, size);

        write(files, "bosh-0-db.tar", data);

        assertThat(read(files, "bosh-0-db.tar")).isEqualTo(data);
        assertThat(files.size("bosh-0-db.tar")).hasValue(size);
        assertThat(files.list()).containsExactly("bosh-0-db.tar");
    }

    @Test
    void fileBeingWritten_isInvisibleUntilCommitted() throws IOException {
        BackupFiles files = emptyPlace().create(BACKUP);
        try (StoredFileWriter writer = files.create("bosh-0-db.tar")) {
            writer.stream().write(random(2 * pieceSize() + 5, 1));

            assertThat(files.list()).doesNotContain("bosh-0-db.tar");
            assertThat(files.size("bosh-0-db.tar")).isEmpty();
            assertThatThrownBy(() -> files.open("bosh-0-db.tar")).isInstanceOf(NoSuchFileException.class);

            writer.commit();
        }
        assertThat(files.list()).containsExactly("bosh-0-db.tar");
    }

    @Test
    void closeWithoutCommit_leavesNothingUnderTheName() throws IOException {
        ArtifactPlace place = emptyPlace();
        BackupFiles files = place.create(BACKUP);
        write(files, "metadata", "instances: []\n".getBytes());

        try (StoredFileWriter writer = files.create("bosh-0-db.tar")) {
            writer.stream().write(random(2 * pieceSize() + 5, 2));
        }

        assertThat(files.list()).containsExactly("metadata");
        assertThat(files.size("bosh-0-db.tar")).isEmpty();
    }

    @Test
    void aCopyThatFailsMidway_leavesNothingUnderTheName() throws IOException {
        BackupFiles files = emptyPlace().create(BACKUP);

        assertThatThrownBy(() -> {
            try (StoredFileWriter writer = files.create("bosh-0-db.tar")) {
                writer.stream().write(random(pieceSize() + 3, 3));
                throw new IOException("the VM went away");
            }
        }).hasMessage("the VM went away");

        assertThat(files.list()).isEmpty();
    }

    @Test
    void writingAfterTheCommit_fails_andKeepsWhatWasCommitted() throws IOException {
        BackupFiles files = emptyPlace().create(BACKUP);
        byte[] data = random(100, 4);
        try (StoredFileWriter writer = files.create("manifest.yml")) {
            OutputStream out = writer.stream();
            out.write(data);
            writer.commit();
            assertThatThrownBy(() -> {
                out.write(1);
                out.flush();
            }).isInstanceOf(IOException.class);
        }
        assertThat(read(files, "manifest.yml")).isEqualTo(data);
    }

    @Test
    void committingAgainUnderTheSameName_replacesTheFile() throws IOException {
        BackupFiles files = emptyPlace().create(BACKUP);
        write(files, "metadata", "incomplete: true\n".getBytes());

        write(files, "metadata", "instances: []\n".getBytes());

        assertThat(new String(read(files, "metadata"))).isEqualTo("instances: []\n");
        assertThat(files.list()).containsExactly("metadata");
    }

    @Test
    void twoFilesWrittenAtOnce_bothArriveWhole() throws Exception {
        BackupFiles files = emptyPlace().create(BACKUP);
        byte[] first = random(3 * pieceSize() + 11, 5);
        byte[] second = random(3 * pieceSize() + 13, 6);

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> writeUnchecked(files, "bosh-0-db.tar", first));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> writeUnchecked(files, "bosh-1-db.tar", second));
        CompletableFuture.allOf(one, two).get();

        assertThat(read(files, "bosh-0-db.tar")).isEqualTo(first);
        assertThat(read(files, "bosh-1-db.tar")).isEqualTo(second);
    }

    @Test
    void remove_deletesTheFile_andIgnoresOneThatIsNotThere() throws IOException {
        BackupFiles files = emptyPlace().create(BACKUP);
        write(files, "bosh-0-db.tar", random(10, 7));
        write(files, "metadata", random(10, 8));

        files.remove("bosh-0-db.tar");
        files.remove("never-written.tar");

        assertThat(files.list()).containsExactly("metadata");
        assertThat(files.size("bosh-0-db.tar")).isEmpty();
    }

    @Test
    void openingAMissingFile_failsNamingIt() throws IOException {
        BackupFiles files = emptyPlace().create(BACKUP);
        write(files, "metadata", random(10, 9));

        assertThatThrownBy(() -> files.open("bosh-0-db.tar")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("bosh-0-db.tar").hasMessageContaining(BACKUP);
    }

    @Test
    void backups_listsEachBackupOnce_andKeepsTheirFilesApart() throws IOException {
        ArtifactPlace place = emptyPlace();
        // One name is the start of the other: a place that matches names by prefix mixes them up.
        BackupFiles first = place.create("redis_20261127T001500Z");
        BackupFiles second = place.create("redis_20261127T001500Z2");
        write(first, "metadata", random(10, 10));
        write(first, "bosh-0-db.tar", random(10, 11));
        write(second, "metadata", random(10, 12));

        assertThat(place.backups()).containsExactlyInAnyOrder("redis_20261127T001500Z", "redis_20261127T001500Z2");
        assertThat(place.open("redis_20261127T001500Z").list()).containsExactlyInAnyOrder("metadata", "bosh-0-db.tar");
        assertThat(place.open("redis_20261127T001500Z2").list()).containsExactly("metadata");
    }

    @Test
    void creatingABackupThatExists_fails_andOpeningOneThatDoesNot_failsNamingIt() throws IOException {
        ArtifactPlace place = emptyPlace();
        write(place.create(BACKUP), "metadata", random(10, 13));

        assertThatThrownBy(() -> place.create(BACKUP)).isInstanceOf(IOException.class).hasMessageContaining(BACKUP)
                .hasMessageContaining("exists");
        assertThatThrownBy(() -> place.open("redis_20200101T000000Z")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("redis_20200101T000000Z");
    }

    @Test
    void location_namesThePlaceAndTheBackup() throws IOException {
        ArtifactPlace place = emptyPlace();

        BackupFiles files = place.create(BACKUP);

        assertThat(files.location()).startsWith(place.location()).endsWith(BACKUP);
    }

    protected static void write(BackupFiles files, String name, byte[] data) throws IOException {
        try (StoredFileWriter writer = files.create(name)) {
            OutputStream out = writer.stream();
            // In uneven slices, as a copy from a VM arrives.
            for (int at = 0; at < data.length; at += 70_001) {
                out.write(data, at, Math.min(70_001, data.length - at));
            }
            writer.commit();
        }
    }

    private static void writeUnchecked(BackupFiles files, String name, byte[] data) {
        try {
            write(files, name, data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected static byte[] read(BackupFiles files, String name) throws IOException {
        try (InputStream in = files.open(name)) {
            return in.readAllBytes();
        }
    }

    protected static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
