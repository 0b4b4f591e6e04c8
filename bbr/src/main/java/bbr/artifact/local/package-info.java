/**
 * The first {@link bbr.artifact.store.ArtifactPlace}: a directory on the jumpbox's disk, each backup a {@code 0700}
 * directory of {@code 0600} files.
 */
package bbr.artifact.local;
