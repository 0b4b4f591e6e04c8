package bbr.artifact;

/**
 * Names one artifact of a backup: either an instance's job ({@code GROUP-INDEX-JOB.tar}, listed under
 * {@code instances}) or a named artifact shared by all instances ({@code NAME.tar}, under
 * {@code custom_artifacts}).
 *
 * @param name  the job name, or the custom artifact's name
 * @param group the instance group, {@code null} for a custom artifact
 * @param index the instance index, {@code null} for a custom artifact
 */
public record ArtifactName(String name, String group, String index) {

    public static ArtifactName ofInstance(String group, String index, String job) {
        return new ArtifactName(job, group, index);
    }

    public static ArtifactName custom(String name) {
        return new ArtifactName(name, null, null);
    }

    public boolean isCustom() {
        return group == null;
    }

    public String fileName() {
        return isCustom() ? name + ".tar" : group + "-" + index + "-" + name + ".tar";
    }

    /** The directory on the VM the job's scripts read and write, with the trailing slash the original passes. */
    public String remoteDirectory() {
        return RemoteLayout.ARTIFACT_ROOT + "/" + name + "/";
    }
}
