package bbr.s3;

import java.util.regex.Pattern;

/** A bucket and a key prefix, from {@code s3://BUCKET[/PREFIX]}: where an S3 place keeps its backups. */
public record S3Location(String bucket, String prefix) {

    private static final String SCHEME = "s3://";
    /** S3's rules for bucket names (3 to 63 lower-case letters, digits, dots and hyphens), loosely. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Whether {@code path} names object storage rather than a directory. */
    public static boolean isS3(String path) {
        return path != null && path.startsWith(SCHEME);
    }

    /** @throws IllegalArgumentException naming {@code url} when it is not {@code s3://BUCKET[/PREFIX]} */
    public static S3Location parse(String url) {
        if (!isS3(url)) {
            throw new IllegalArgumentException(url + " is not an s3:// URL (s3://BUCKET[/PREFIX])");
        }
        String rest = url.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException(url + ": '" + bucket + "' is not a valid bucket name (3 to 63 lower-case"
                    + " letters, digits, dots and hyphens)");
        }
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException(url + ": the prefix has an empty segment");
        }
        return new S3Location(bucket, prefix);
    }

    /** This location one level down: {@code s3://b/p} → {@code s3://b/p/name}. */
    public S3Location child(String name) {
        return new S3Location(bucket, key(name));
    }

    /** This location as one object: its key is the whole prefix. */
    String key() {
        return prefix;
    }

    /** The key of {@code name} under the prefix. */
    String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The prefix that every key below this location starts with: {@code p/}, or nothing at the bucket's root. */
    String keyPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    @Override
    public String toString() {
        return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
