/**
 * The S3 place: {@code s3://BUCKET[/PREFIX]} as an {@link bbr.artifact.store.ArtifactPlace}, through the AWS SDK for
 * Java v2 and its blocking Apache client. Files stream up as multipart uploads in parts from a fixed pool of
 * buffers (part size × parts in flight), each part with its Content-MD5 for the store to check; a commit completes
 * the upload, a close without one aborts it. The only package that knows the SDK.
 */
package bbr.s3;
