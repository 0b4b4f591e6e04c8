package bbr.s3;

import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.BackupFilesContract;
import bbr.testbed.s3.S3Server;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract, met by the S3 place on the test bed's real S3 server (a new prefix for each test). */
class S3PlaceContractIT extends BackupFilesContract {

    private static final int PART = 5 << 20;

    private S3Server server;
    private final List<S3Place> places = new ArrayList<>();
    private int count;

    @BeforeAll
    void startServer() {
        server = S3Server.builder().start();
        server.createBucket("contract");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @AfterEach
    void closePlaces() {
        places.forEach(S3Place::close);
        places.clear();
    }

    @Override
    protected ArtifactPlace emptyPlace() {
        S3Place place = S3Place.open("s3://contract/test-" + ++count,
                S3Settings.fromEnvironment(server.environment()).withParts(PART, 2));
        places.add(place);
        return place;
    }

    @Override
    protected int pieceSize() {
        return PART;
    }
}
