package bbr.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void settle_withoutAYes_addsNothing() {
        Outcome outcome = new Outcome();
        new Cancellation().settle(outcome, "backup");

        assertThat(outcome.failed()).isFalse();
    }

    @Test
    void settle_afterAYesThatStoppedNothing_isExit1_withoutCleanupAdvice() {
        Cancellation cancellation = new Cancellation();
        cancellation.request();
        Outcome outcome = new Outcome();
        cancellation.settle(outcome, "restore");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.recommendsBackupCleanup()).isFalse();
        assertThat(outcome.errors()).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("Cancelled by the operator when every step of the restore had already started");
    }

    @Test
    void settle_afterAYesThatStoppedAStep_addsNoSecondError() throws Exception {
        Cancellation cancellation = new Cancellation();
        cancellation.request();
        Outcome outcome = new Outcome();
        try {
            cancellation.check("backup of db");
        } catch (BbrError e) {
            outcome.add(e);
        }
        cancellation.settle(outcome, "backup");

        assertThat(outcome.errors()).extracting(Throwable::getMessage)
                .containsExactly("Cancelled by the operator before backup of db");
    }

    @Test
    void ofCopy_findsTheCancelledCopyUnderWrappers_andIgnoresOtherFailures() {
        IOException wrapped = new IOException("stdin pump failed", new CopyProgress.CancelledCopy());

        assertThat(Cancellation.ofCopy(wrapped, "copying the backup of db on bosh/0")).isNotNull()
                .hasMessage("Cancelled by the operator while copying the backup of db on bosh/0; the partial copy"
                        + " was removed")
                .extracting(BbrError::kind).isEqualTo(ErrorKind.CANCELLED);
        assertThat(Cancellation.ofCopy(new IOException("No space left on device"), "x")).isNull();
    }
}
