package bbr.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobMetadataParserTest {

    @Test
    void parsesBothLockListsAndSkip_ignoringUnknownKeys() {
        JobMetadata metadata = JobMetadataParser.parse("""
                backup_should_be_locked_before:
                - job_name: redis
                  release: redis-test
                restore_should_be_locked_before:
                - job_name: capi
                  release: lock-ordering
                some_future_key: 3
                """);
        assertThat(metadata.backupShouldBeLockedBefore()).containsExactly(new LockBefore("redis", "redis-test"));
        assertThat(metadata.restoreShouldBeLockedBefore()).containsExactly(new LockBefore("capi", "lock-ordering"));
        assertThat(metadata.skipBbrScripts()).isFalse();
    }

    @Test
    void emptyOutputMeansNoMetadata() {
        assertThat(JobMetadataParser.parse("")).isEqualTo(JobMetadata.NONE);
    }

    @Test
    void skipBbrScripts_andDiscontinuedKeys() {
        JobMetadata metadata = JobMetadataParser.parse("skip_bbr_scripts: true\nbackup_name: x\nrestore_name: y\n");
        assertThat(metadata.skipBbrScripts()).isTrue();
        assertThat(metadata.hasBackupName()).isTrue();
        assertThat(metadata.hasRestoreName()).isTrue();
    }

    @Test
    void aLockEntryWithoutReleaseIsAnError() {
        assertThatThrownBy(() -> JobMetadataParser.parse("backup_should_be_locked_before:\n- job_name: redis\n"))
                .hasMessageContaining("both job name and release should be specified");
    }

    @Test
    void malformedYamlAndWrongTypesAreErrors() {
        assertThatThrownBy(() -> JobMetadataParser.parse("backup_should_be_locked_before: [")).isNotNull();
        assertThatThrownBy(() -> JobMetadataParser.parse("backup_should_be_locked_before: redis"))
                .hasMessageContaining("must be a list");
        assertThatThrownBy(() -> JobMetadataParser.parse("skip_bbr_scripts: sometimes"))
                .hasMessageContaining("skip_bbr_scripts must be true or false");
        assertThatThrownBy(() -> JobMetadataParser.parse("- a\n- b\n")).hasMessageContaining("mapping");
    }

    @Test
    void directorModeDropsReleases() {
        JobMetadata metadata = JobMetadataParser.parse(
                "backup_should_be_locked_before:\n- job_name: redis\n  release: r\n").withoutReleases();
        assertThat(metadata.backupShouldBeLockedBefore()).containsExactly(new LockBefore("redis", ""));
    }
}
