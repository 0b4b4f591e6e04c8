package bbr.instance;

import java.util.List;

/** What a job's {@code metadata} script declared. */
public record JobMetadata(
        List<LockBefore> backupShouldBeLockedBefore,
        List<LockBefore> restoreShouldBeLockedBefore,
        boolean skipBbrScripts,
        boolean hasBackupName,
        boolean hasRestoreName) {

    public static final JobMetadata NONE = new JobMetadata(List.of(), List.of(), false, false, false);

    public JobMetadata {
        backupShouldBeLockedBefore = List.copyOf(backupShouldBeLockedBefore);
        restoreShouldBeLockedBefore = List.copyOf(restoreShouldBeLockedBefore);
    }

    /** Director mode has no manifest to resolve releases, so constraints match on job name alone. */
    public JobMetadata withoutReleases() {
        return new JobMetadata(
                backupShouldBeLockedBefore.stream().map(l -> new LockBefore(l.jobName(), "")).toList(),
                restoreShouldBeLockedBefore.stream().map(l -> new LockBefore(l.jobName(), "")).toList(),
                skipBbrScripts, hasBackupName, hasRestoreName);
    }
}
