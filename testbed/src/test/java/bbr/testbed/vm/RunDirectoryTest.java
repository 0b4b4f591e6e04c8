package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path root;

    @Test
    void aRunOfThisJvm_isNotAbandoned() {
        RunDirectory run = RunDirectory.create(root);

        assertThat(run.path().getFileName().toString())
                .startsWith("run-")
                .contains("-" + ProcessHandle.current().pid() + "-");
        assertThat(run.isAbandoned()).isFalse();
    }

    @Test
    void aRunWhoseOwnerIsGone_orWhosePidWasReused_isAbandoned() throws Exception {
        RunDirectory run = RunDirectory.create(root);

        Files.writeString(run.path().resolve("owner"), "999999999 0\n");
        assertThat(run.isAbandoned()).isTrue();
        Files.writeString(run.path().resolve("owner"), ProcessHandle.current().pid() + " 12345\n");
        assertThat(run.isAbandoned()).isTrue();
    }

    @Test
    void aRunWithoutOwnerFile_isAbandonedOnlyOnceOld() throws Exception {
        Path dir = Files.createDirectory(root.resolve("run-starting"));
        assertThat(RunDirectory.existing(dir).isAbandoned()).isFalse();

        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(RunDirectory.existing(dir).isAbandoned()).isTrue();
    }
}
