package bbr.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void exitCodeIsTheOrOfEveryErrorsBit() {
        Outcome outcome = new Outcome();
        assertThat(outcome.exitCode()).isZero();
        outcome.add(new BbrError(ErrorKind.GENERAL, "backup script failed"));
        outcome.add(new BbrError(ErrorKind.CLEANUP, "cleanup failed"));
        assertThat(outcome.exitCode()).isEqualTo(17);
        outcome.add(new BbrError(ErrorKind.LOCK, "lock"));
        outcome.add(new BbrError(ErrorKind.UNLOCK, "unlock"));
        outcome.add(new BbrError(ErrorKind.UNLOCK, "unlock again"));
        assertThat(outcome.exitCode()).isEqualTo(1 | 4 | 8 | 16);
    }

    @Test
    void cleanupAdviceOnlyAfterUnlockCleanupLeftoverOrDrainErrors() {
        Outcome lockFailure = new Outcome();
        lockFailure.add(new BbrError(ErrorKind.LOCK, "lock"));
        assertThat(lockFailure.recommendsBackupCleanup()).isFalse();
        for (ErrorKind kind : new ErrorKind[] {ErrorKind.UNLOCK, ErrorKind.CLEANUP, ErrorKind.DRAIN,
                ErrorKind.ARTIFACT_DIR_EXISTS}) {
            Outcome outcome = new Outcome();
            outcome.add(new BbrError(kind, "x"));
            assertThat(outcome.recommendsBackupCleanup()).as(kind.name()).isTrue();
        }
    }
}
