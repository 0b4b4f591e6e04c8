package bbr.testbed.director;

/** A release a deployment uses, as listed in {@code GET /deployments} and the manifest's {@code releases}. */
public record Release(String name, String version) {
}
