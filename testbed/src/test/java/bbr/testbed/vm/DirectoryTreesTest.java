package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreesTest {

    @TempDir
    Path tmp;

    @Test
    void delete_removesLinksButNeverWhatTheyPointTo() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep me");
        Path tree = Files.createDirectories(tmp.resolve("tree/etc/ssh"));
        Files.writeString(tree.resolve("sshd_config"), "Port 22");
        Files.createSymbolicLink(tmp.resolve("tree/etc/linked-dir"), outside);
        Files.createSymbolicLink(tmp.resolve("tree/etc/linked-file"), outside.resolve("precious"));

        DirectoryTrees.delete(tmp.resolve("tree"));

        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(outside.resolve("precious")).hasContent("keep me");
    }

    @Test
    void delete_ofAMissingTree_doesNothing() {
        DirectoryTrees.delete(tmp.resolve("never-created"));

        assertThat(tmp.resolve("never-created")).doesNotExist();
    }
}
