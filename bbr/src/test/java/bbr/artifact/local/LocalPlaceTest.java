package bbr.artifact.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.artifact.store.BackupFiles;
import bbr.artifact.store.StoredFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage seam's contract, for the local directory: a file is whole under its name, or absent. */
class LocalPlaceTest {

    @TempDir
    Path dir;

    @Test
    void aCommittedFile_isVisibleWhole_ownerOnly_andNothingElseIsLeft() throws IOException {
        BackupFiles files = new LocalPlace(dir).create("b_20261127T001500Z");
        try (StoredFileWriter writer = files.create("bosh-0-db.tar")) {
            writer.stream().write("data".getBytes());
            assertThat(files.list()).as("invisible until committed").doesNotContain("bosh-0-db.tar");
            writer.commit();
        }

        assertThat(files.list()).containsExactly("bosh-0-db.tar");
        assertThat(files.size("bosh-0-db.tar")).hasValue(4);
        try (InputStream in = files.open("bosh-0-db.tar")) {
            assertThat(in.readAllBytes()).isEqualTo("data".getBytes());
        }
        Path backup = dir.resolve("b_20261127T001500Z");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve("bosh-0-db.tar"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFileClosedWithoutCommit_isDiscarded() throws IOException {
        BackupFiles files = new LocalPlace(dir).create("b");
        try (StoredFileWriter writer = files.create("bosh-0-db.tar")) {
            writer.stream().write("half".getBytes());
        }

        assertThat(files.list()).isEmpty();
        assertThat(files.size("bosh-0-db.tar")).isEmpty();
        assertThatThrownBy(() -> files.open("bosh-0-db.tar")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void creatingABackupTwice_orInAMissingPlace_failsNamingIt() throws IOException {
        LocalPlace place = new LocalPlace(dir);
        place.create("b");
        assertThatThrownBy(() -> place.create("b")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> new LocalPlace(dir.resolve("none")).create("b"))
                .hasMessageContaining(dir.resolve("none").toString());
        assertThatThrownBy(() -> place.open("nope")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(dir.resolve("nope").toString());
        assertThat(place.backups()).containsExactly("b");
    }
}
