/**
 * The storage seam of the artifact: where a backup's files live ({@link bbr.artifact.store.ArtifactPlace},
 * {@link bbr.artifact.store.BackupFiles}), and how one is written so that it is whole or absent
 * ({@link bbr.artifact.store.StoredFileWriter}). Free of SDK and HTTP types: implementations for object storage
 * live in adapter packages.
 */
package bbr.artifact.store;
