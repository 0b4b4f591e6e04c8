package bbr.instance;

import bbr.log.Logger;
import bbr.remote.CommandResult;
import bbr.remote.BoundedBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the bbr jobs on an instance: lists the scripts, runs each job's {@code metadata} script and drops the
 * jobs that opt out with {@code skip_bbr_scripts}.
 */
public final class JobFinder {

    private static final String JOBS_PREFIX = "/var/vcap/jobs/";
    /** Legacy cf-mysql jobs whose scripts the original always ignores. */
    private static final Set<String> IGNORED_JOBS = Set.of("mysql-backup", "mysql-restore");

    private final Logger logger;
    private final ReleaseResolver releases;
    private final boolean omitReleases;

    public JobFinder(Logger logger, ReleaseResolver releases, boolean omitReleases) {
        this.logger = logger;
        this.releases = releases;
        this.omitReleases = omitReleases;
    }

    /** Discovers and attaches the instance's jobs. */
    public void findJobs(Instance instance) throws IOException, DiscoveryException {
        Map<String, Set<ScriptName>> scriptsByJob = new TreeMap<>();
        List<String> files;
        try {
            files = instance.shell().findScriptFiles();
        } catch (VmShell.RemoteCommandException e) {
            throw new DiscoveryException("finding scripts failed on " + instance.label() + ": " + e.getMessage(), e);
        }
        for (String path : files) {
            parse(path).ifPresent(script -> {
                if (!IGNORED_JOBS.contains(script.job())) {
                    logger.info("%s/%s/%s", instance.label(), script.job(), script.name());
                    scriptsByJob.computeIfAbsent(script.job(), j -> EnumSet.noneOf(ScriptName.class))
                            .add(script.name());
                }
            });
        }
        List<Job> jobs = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        for (Map.Entry<String, Set<ScriptName>> entry : scriptsByJob.entrySet()) {
            String jobName = entry.getKey();
            JobMetadata metadata = entry.getValue().contains(ScriptName.METADATA)
                    ? runMetadata(instance, jobName) : JobMetadata.NONE;
            if (metadata.skipBbrScripts()) {
                disabled.add(jobName);
                continue;
            }
            if (metadata.hasBackupName() || metadata.hasRestoreName()) {
                logger.warn("discontinued metadata keys backup_name/restore_name found in job %s. bbr will not be"
                        + " able to restore this backup artifact.", jobName);
            }
            String release = releases.releaseOf(instance.group(), jobName).orElseGet(() -> {
                logger.warn("could not find release name for job %s", jobName);
                return "";
            });
            jobs.add(new Job(instance, jobName, release, entry.getValue(),
                    omitReleases ? metadata.withoutReleases() : metadata,
                    releases.backupOneRestoreAll(instance.group(), jobName)));
        }
        if (!disabled.isEmpty()) {
            logger.debug("Found disabled jobs on instance %s jobs: %s", instance.label(), String.join(" ", disabled));
        }
        instance.setJobs(jobs);
    }

    private JobMetadata runMetadata(Instance instance, String job) throws IOException, DiscoveryException {
        BoundedBuffer stdout = new BoundedBuffer(CommandResult.MAX_CAPTURED_BYTES);
        CommandResult result = instance.shell().runScript(JOBS_PREFIX + job + "/bin/bbr/metadata",
                Map.of("BBR_VERSION", Version.current()), stdout);
        if (!result.succeeded()) {
            throw new DiscoveryException("An error occurred while running metadata script for job " + job + " on "
                    + instance.label() + ": " + result.stderr().strip() + " - exit code " + result.exitStatus());
        }
        try {
            return JobMetadataParser.parse(stdout.toString());
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("Parsing metadata from job " + job + " on " + instance.label()
                    + " failed: failed to unmarshal job metadata: " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<FoundScript> parse(String path) {
        if (!path.startsWith(JOBS_PREFIX)) {
            return java.util.Optional.empty();
        }
        String[] parts = path.substring(JOBS_PREFIX.length()).split("/");
        if (parts.length != 4 || !parts[1].equals("bin") || !parts[2].equals("bbr")) {
            return java.util.Optional.empty();
        }
        return ScriptName.ofFileName(parts[3]).map(name -> new FoundScript(parts[0], name));
    }

    private record FoundScript(String job, ScriptName name) {
    }

    /** Discovery could not complete on an instance; the message names the job and instance. */
    public static final class DiscoveryException extends Exception {
        public DiscoveryException(String message) {
            super(message);
        }

        public DiscoveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
