package bbr.testbed.director;

/** The two manifest schemas bbr reads (director-api.md §6.2): v2 {@code instance_groups}, v1 {@code jobs}. */
public enum ManifestLayout {
    /** {@code instance_groups[].jobs[]}, with job properties. */
    V2,
    /** {@code jobs[].templates[]}, properties on the group: the pre-2016 schema. */
    V1
}
