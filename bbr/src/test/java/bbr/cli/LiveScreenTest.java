package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.log.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveScreenTest {

    private static final String ERASE_ONE_ROW = "\r\u001b[1A\u001b[J";
    private static final String ERASE_TWO_ROWS = "\r\u001b[2A\u001b[J";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong();
    private final LiveScreen screen = new LiveScreen(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> 80,
            now::get);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutCopies_linesArePlain() {
        screen.println("[bbr] INFO - Looking for scripts");
        assertThat(output()).isEqualTo("[bbr] INFO - Looking for scripts\n");
    }

    @Test
    void aLogLine_erasesTheBlock_printsWhole_andTheBlockIsDrawnBelowIt() {
        ProgressListener.Copy copy = screen.started("blobstore on bosh/0", 1000);
        bytes.reset();
        now.set(2_000_000_000L);
        copy.advanced(500);

        screen.println("[bbr] INFO - Backing up database on bosh/0...");

        String out = output();
        assertThat(out).startsWith(ERASE_ONE_ROW + "[bbr] INFO - Backing up database on bosh/0...\n");
        assertThat(out.substring(out.indexOf("...\n") + 4)).startsWith("  blobstore on bosh/0").contains(" 50% ")
                .endsWith("ETA 0:02\n");
    }

    @Test
    void everyCopyInFlight_hasARow_andAFinishedCopyLeavesNoTrace() {
        ProgressListener.Copy first = screen.started("database on bosh/0", 100);
        ProgressListener.Copy second = screen.started("blobstore on bosh/0", 100);
        bytes.reset();

        screen.redraw();
        assertThat(output()).startsWith(ERASE_TWO_ROWS).contains("database on bosh/0").contains("blobstore on bosh/0");

        first.finished();
        second.finished();
        bytes.reset();
        screen.println("after");
        assertThat(output()).isEqualTo("after\n");
    }

    @Test
    void whilePaused_linesWait_andTheBlockIsHidden() {
        screen.started("blobstore on bosh/0", 100);
        screen.pause();
        bytes.reset();

        screen.println("held back");
        screen.redraw();
        assertThat(output()).isEmpty();

        screen.resume();
        assertThat(output()).startsWith("held back\n  blobstore on bosh/0");
    }
}
