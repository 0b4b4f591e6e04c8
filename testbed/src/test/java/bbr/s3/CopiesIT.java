package bbr.s3;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.Copies;
import bbr.artifact.store.CopyReport;
import bbr.artifact.store.CopyingPlace;
import bbr.artifact.store.StoredFileWriter;
import bbr.testbed.s3.S3Server;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --copy-to's mechanism on the real S3 server: three buckets in one pass, one of them on a disk that fills up. */
class CopiesIT {

    private static final int PART = 5 << 20;
    private static final String BACKUP = "redis_20261127T001500Z";

    private S3Server server;
    private List<S3Place> places;

    @BeforeEach
    void start() {
        server = S3Server.builder().start();
        server.createBucket("first");
        server.createBucket("second");
        server.createBucketOnTmpfs("small", 8L << 20);
        S3Settings settings = S3Settings.fromEnvironment(server.environment()).withParts(PART, 2)
                .withRetries(2, Duration.ofSeconds(30));
        places = List.of(S3Place.open("s3://first/cf", settings), S3Place.open("s3://second", settings),
                S3Place.open("s3://small/cf", settings));
    }

    @AfterEach
    void stop() {
        places.forEach(S3Place::close);
        server.close();
    }

    @Test
    void oneDestinationsDiskFilling_failsThatCopyAlone_theOthersAreWholeAndVerified() throws IOException {
        byte[] tar = random(4 * PART + 3, 1);
        byte[] metadata = random(2_000, 2);
        CopyingPlace copying = new CopyingPlace(List.<ArtifactPlace>copyOf(places), true);
        copying.checkWritable();

        Copies copies = copying.create(BACKUP);
        write(copies, "bosh-0-db.tar", tar);
        write(copies, "metadata", metadata);

        CopyReport report = copies.report();
        assertThat(report.failed()).extracting(CopyReport.Copy::location).containsExactly("s3://small/cf/" + BACKUP);
        assertThat(report.summary()).contains("s3://first/cf/" + BACKUP + ": good")
                .contains("s3://second/" + BACKUP + ": good")
                .contains("s3://small/cf/" + BACKUP + ": FAILED: cannot write bosh-0-db.tar: cannot upload part")
                .contains("s3://small/cf/" + BACKUP + "/bosh-0-db.tar at " + server.endpoint());
        assertThat(server.read("first", "cf/" + BACKUP + "/bosh-0-db.tar")).isEqualTo(tar);
        assertThat(server.read("second", BACKUP + "/bosh-0-db.tar")).isEqualTo(tar);
        assertThat(server.read("second", BACKUP + "/metadata")).isEqualTo(metadata);
        assertThat(server.keys("small")).as("no metadata: the failed copy never looks whole").isEmpty();
        assertThat(server.multipartUploads("small")).isEmpty();
    }

    private static void write(Copies copies, String name, byte[] data) throws IOException {
        try (StoredFileWriter writer = copies.create(name)) {
            for (int at = 0; at < data.length; at += 65_536) {
                writer.stream().write(data, at, Math.min(65_536, data.length - at));
            }
            writer.commit();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
