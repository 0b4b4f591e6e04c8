package bbr.testbed.jobs;

/**
 * Job scripts like a release author writes them, for test-bed VMs. Every script appends one line to
 * {@link #EVENTS} so tests can check which scripts ran, in which order, with which environment.
 */
public final class JobScripts {

    /** One line per script run: {@code SCRIPT JOB T=NANOS KEY=VALUE…}; T orders runs across VMs. */
    public static final String EVENTS = "/var/vcap/store/bbr-events.log";

    private JobScripts() {
    }

    /** A script that records its run (with the bbr variables it got) and then runs {@code body}. */
    public static String recording(String job, String script, String body) {
        return "#!/bin/bash\nset -e\n"
                + "echo \"" + script + " " + job + " T=$(date +%s%N) BBR_VERSION=${BBR_VERSION:-}"
                + " BBR_ARTIFACT_DIRECTORY=${BBR_ARTIFACT_DIRECTORY:-} ARTIFACT_DIRECTORY=${ARTIFACT_DIRECTORY:-}"
                + " BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=${BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL:-}\" >> " + EVENTS + "\n"
                + body + "\n";
    }

    /** A backup script that copies {@code dataDirectory}'s content into the artifact directory. */
    public static String copyDataToArtifact(String job, String dataDirectory) {
        return recording(job, "backup", "cp -a " + dataDirectory + "/. \"$BBR_ARTIFACT_DIRECTORY\"");
    }

    /** A restore script that replaces {@code dataDirectory}'s content with the artifact's. */
    public static String copyArtifactToData(String job, String dataDirectory) {
        return recording(job, "restore", "mkdir -p " + dataDirectory + " && cp -a \"$BBR_ARTIFACT_DIRECTORY\"/. "
                + dataDirectory + "/");
    }

    /** A metadata script printing {@code yaml}. */
    public static String metadata(String job, String yaml) {
        return recording(job, "metadata", "cat <<'YAML'\n" + yaml + "\nYAML");
    }

    /** A script that writes {@code message} to stderr and exits with {@code code}. */
    public static String failing(String job, String script, String message, int code) {
        return recording(job, script, "echo '" + message + "' >&2\nexit " + code);
    }
}
