package bbr.artifact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopiesTest {

    private final MemoryFiles primary = new MemoryFiles("/backups/redis_1");
    private final MemoryFiles second = new MemoryFiles("s3://b/redis_1");
    private final MemoryFiles third = new MemoryFiles("/mnt/nfs/redis_1");
    private final byte[] data = random(100_000);

    @Test
    void everyPlace_getsTheSameBytes_andEveryCopyIsGood() throws IOException {
        Copies copies = Copies.of(List.of(primary, second, third), true);

        write(copies, "bosh-0-db.tar", data);

        for (MemoryFiles place : List.of(primary, second, third)) {
            assertThat(place.stored.get("bosh-0-db.tar")).isEqualTo(data);
        }
        assertThat(copies.report().allGood()).isTrue();
        assertThat(copies.report().summary()).isEqualTo("/backups/redis_1: good\ns3://b/redis_1: good\n"
                + "/mnt/nfs/redis_1: good");
    }

    @Test
    void onePlaceFailingMidway_dropsOut_theOthersFinish_andTheReportNamesIt() throws IOException {
        second.failAfterBytes = 50_000;
        Copies copies = Copies.of(List.of(primary, second, third), false);

        write(copies, "bosh-0-db.tar", data);
        write(copies, "metadata", data);

        assertThat(primary.stored).containsOnlyKeys("bosh-0-db.tar", "metadata");
        assertThat(third.stored).containsOnlyKeys("bosh-0-db.tar", "metadata");
        assertThat(second.stored).as("the failed copy never gets the metadata that would make it look whole").isEmpty();
        assertThat(second.discarded).containsExactly("bosh-0-db.tar");
        CopyReport report = copies.report();
        assertThat(report.allGood()).isFalse();
        assertThat(report.failed()).extracting(CopyReport.Copy::location).containsExactly("s3://b/redis_1");
        assertThat(report.summary()).contains("s3://b/redis_1: FAILED: cannot write bosh-0-db.tar: No space left on"
                + " device").contains("/backups/redis_1: good");
    }

    @Test
    void aCopyStoredShort_failsItsVerification_andIsRemoved() throws IOException {
        second.dropLastByteOnCommit = true;
        Copies copies = Copies.of(List.of(primary, second), false);

        write(copies, "bosh-0-db.tar", data);

        assertThat(second.stored).isEmpty();
        assertThat(copies.report().summary()).contains("s3://b/redis_1: FAILED: cannot store bosh-0-db.tar:"
                + " bosh-0-db.tar holds 99999 bytes there after the commit, not the 100000 sent; it was removed");
    }

    @Test
    void aCopyStoredWithOtherBytes_isCaughtByReadingItBack() throws IOException {
        third.flipAByteOnCommit = true;
        Copies copies = Copies.of(List.of(primary, third), true);

        write(copies, "bosh-0-db.tar", data);

        assertThat(third.stored).isEmpty();
        assertThat(copies.report().summary()).contains("/mnt/nfs/redis_1: FAILED: cannot store bosh-0-db.tar:"
                + " bosh-0-db.tar read back there differs from the bytes sent (SHA-256)");
        assertThat(copies.report().failed()).hasSize(1);
    }

    @Test
    void everyPlaceFailing_failsTheWrite_namingEachOne() {
        primary.failAfterBytes = 10;
        second.failCommit = true;
        Copies copies = Copies.of(List.of(primary, second), false);

        assertThatThrownBy(() -> write(copies, "bosh-0-db.tar", data)).hasMessageContaining("every copy of the backup"
                + " failed").hasMessageContaining("/backups/redis_1: cannot write bosh-0-db.tar: No space left")
                .hasMessageContaining("s3://b/redis_1: cannot store bosh-0-db.tar: the store refused the commit");
    }

    @Test
    void reads_comeFromTheFirstGoodCopy() throws IOException {
        primary.failAfterBytes = 10;
        Copies copies = Copies.of(List.of(primary, second), false);
        write(copies, "bosh-0-db.tar", data);

        assertThat(copies.open("bosh-0-db.tar").readAllBytes()).isEqualTo(data);
        assertThat(copies.size("bosh-0-db.tar")).hasValue(data.length);
        assertThat(copies.list()).containsExactly("bosh-0-db.tar");
    }

    @Test
    void aPlaceThatCannotCreateTheBackup_startsAsAFailedCopy() throws IOException {
        ArtifactPlace good = place(primary);
        ArtifactPlace bad = new ArtifactPlace() {
            public String location() {
                return "s3://missing";
            }

            public void checkWritable() throws IOException {
                throw new IOException("cannot use s3://missing at http://x: the bucket does not exist");
            }

            public BackupFiles create(String name) throws IOException {
                throw new IOException("the bucket does not exist");
            }

            public BackupFiles open(String name) {
                throw new UnsupportedOperationException();
            }

            public List<String> backups() {
                return List.of();
            }
        };
        CopyingPlace both = new CopyingPlace(List.of(good, bad), false);

        assertThatThrownBy(both::checkWritable).hasMessage("cannot use s3://missing at http://x: the bucket does not"
                + " exist");
        Copies copies = both.create("redis_1");
        write(copies, "metadata", data);

        assertThat(primary.stored).containsOnlyKeys("metadata");
        assertThat(copies.report().summary()).isEqualTo("/backups/redis_1: good\ns3://missing: FAILED: cannot"
                + " create the backup redis_1: the bucket does not exist");
    }

    private static ArtifactPlace place(MemoryFiles files) {
        return new ArtifactPlace() {
            public String location() {
                return "/backups";
            }

            public void checkWritable() {
            }

            public BackupFiles create(String name) {
                return files;
            }

            public BackupFiles open(String name) {
                return files;
            }

            public List<String> backups() {
                return List.of("redis_1");
            }
        };
    }

    private static void write(BackupFiles files, String name, byte[] data) throws IOException {
        try (StoredFileWriter writer = files.create(name)) {
            for (int at = 0; at < data.length; at += 8192) {
                writer.stream().write(data, at, Math.min(8192, data.length - at));
            }
            writer.commit();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
