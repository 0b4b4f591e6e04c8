package bbr.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void describe_namesNoJavaClass_evenWhenALibraryEmbeddedOne() {
        assertThat(Failures.describe(new IOException("read failed: java.net.SocketException: Connection reset")))
                .isEqualTo("read failed: Connection reset");
        assertThat(Failures.describe(new SocketException())).isEqualTo("an input/output error");
        assertThat(Failures.describe(new NullPointerException())).doesNotContain("NullPointer", "java.")
                .contains("err.log");
        assertThat(Failures.describe(new IOException(new IllegalStateException("x")))).isEqualTo("x");
    }

    @Test
    void describe_wordsFileErrorsAsGoDoes() {
        assertThat(Failures.describe(new NoSuchFileException("/backups/x"))).isEqualTo(
                "/backups/x: no such file or directory");
    }

    @Test
    void scrub_hidesArrayIdentities() {
        assertThat(Failures.scrub("got [B@1b6d3586 from the VM")).isEqualTo("got (bytes) from the VM");
    }
}
