package bbr.testbed.s3;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.vm.HostCommand;
import bbr.testbed.vm.HostMounts;
import bbr.testbed.vm.VmFarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test bed's S3 server leaves nothing mounted or on disk, not even after a JVM that died. */
class S3ServerTest {

    private static final Path ROOT = Path.of(System.getProperty(VmFarm.ROOT_PROPERTY, "/tmp/bbr-testbed"));

    @Test
    void close_unmountsItsTmpfsBuckets_andRemovesItsDirectory() {
        Path base;
        try (S3Server server = S3Server.builder().start()) {
            server.createBucketOnTmpfs("small", 1L << 20);
            base = server.caBundle().getParent();
            assertThat(HostMounts.testBedTmpfs(base)).hasSize(1);
        }

        assertThat(HostMounts.testBedTmpfs(base)).isEmpty();
        assertThat(base).doesNotExist();
    }

    @Test
    void aDeadRunsTmpfsBucket_isUnmountedAndRemoved_whenTheNextServerStarts() throws Exception {
        Path dead = Files.createDirectories(ROOT.resolve("run-19700101-000000-999999999-1"));
        Files.writeString(dead.resolve("owner"), "999999999 1\n"); // no such process
        Path bucket = Files.createDirectories(dead.resolve("blobs/small"));
        HostCommand.run(List.of("mount", "-t", "tmpfs", "-o", "size=1m", HostMounts.TESTBED_TMPFS, bucket.toString()),
                Duration.ofSeconds(30)).orThrow();

        S3Server.builder().start().close();

        assertThat(HostMounts.testBedTmpfs(dead)).isEmpty();
        assertThat(dead).doesNotExist();
    }
}
