package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassDataTrainingTest {

    /**
     * The training is only worth its seconds when its pre-backup-check gets through a whole SSH session: if bbr's
     * remote commands change so that the canned answers no longer fit, this fails instead of the archive quietly
     * shrinking back to start-up classes.
     */
    @Test
    void theTrainingRun_passesItsPreBackupCheck_overARealSshSession() throws Exception {
        assertThat(ClassDataTraining.train()).isZero();
    }
}
