package bbr.instance;

import java.util.Arrays;
import java.util.Optional;

/** The file names under {@code /var/vcap/jobs/JOB/bin/bbr/} that bbr runs; any other name is ignored. */
public enum ScriptName {
    METADATA("metadata"),
    PRE_BACKUP_LOCK("pre-backup-lock"),
    BACKUP("backup"),
    POST_BACKUP_UNLOCK("post-backup-unlock"),
    PRE_RESTORE_LOCK("pre-restore-lock"),
    RESTORE("restore"),
    POST_RESTORE_UNLOCK("post-restore-unlock");

    private final String fileName;

    ScriptName(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static Optional<ScriptName> ofFileName(String name) {
        return Arrays.stream(values()).filter(s -> s.fileName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return fileName;
    }
}
