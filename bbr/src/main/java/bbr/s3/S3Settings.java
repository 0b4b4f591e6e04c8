package bbr.s3;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How bbr reaches S3, read from the environment variables operators already set for AWS tools: {@code AWS_REGION}
 * (default {@code us-east-1}), {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} for S3-compatible stores,
 * {@code AWS_CA_BUNDLE}, {@code AWS_MAX_ATTEMPTS}, credentials from {@code AWS_ACCESS_KEY_ID}/{@code
 * AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN} or else the SDK's default chain ({@code AWS_PROFILE}, the shared
 * files, SSO, container and instance roles); and bbr's own: {@code BBR_S3_PATH_STYLE=true}, {@code
 * BBR_S3_PART_SIZE} and {@code BBR_S3_PARTS_IN_FLIGHT}, whose product is all the memory an S3 destination's uploads
 * may hold.
 *
 * @param endpoint    null: AWS itself
 * @param caBundle    a PEM file whose certificates are the only trust anchors; null: the JVM's
 * @param credentials null: the SDK's default credential chain
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String caBundle, int partSize,
        int partsInFlight, int maxAttempts, Duration abortPatience, StaticCredentials credentials) {

    static final String DEFAULT_REGION = "us-east-1";
    /** Every part but the last must hold at least 5 MiB (S3's limit). */
    static final int MIN_PART_SIZE = 5 << 20;
    static final int MAX_PART_SIZE = 1 << 30;
    static final int DEFAULT_PART_SIZE = 16 << 20;
    static final int DEFAULT_PARTS_IN_FLIGHT = 4;
    static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** How long bbr keeps trying to abort an upload that failed, so that a store that comes back is left clean. */
    static final Duration DEFAULT_ABORT_PATIENCE = Duration.ofMinutes(2);

    /** Access keys given in the environment; {@link #toString} never shows the secret parts. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "StaticCredentials[" + accessKeyId + "]";
        }
    }

    /** @throws IllegalArgumentException naming the variable whose value is wrong */
    public static S3Settings fromEnvironment(Map<String, String> env) {
        String region = value(env, "AWS_REGION").orElse(DEFAULT_REGION);
        URI endpoint = value(env, "AWS_ENDPOINT_URL_S3").or(() -> value(env, "AWS_ENDPOINT_URL"))
                .map(S3Settings::endpoint).orElse(null);
        boolean pathStyle = value(env, "BBR_S3_PATH_STYLE").map(v -> bool("BBR_S3_PATH_STYLE", v)).orElse(false);
        int partSize = value(env, "BBR_S3_PART_SIZE").map(v -> size("BBR_S3_PART_SIZE", v))
                .orElse((long) DEFAULT_PART_SIZE).intValue();
        int inFlight = value(env, "BBR_S3_PARTS_IN_FLIGHT").map(v -> number("BBR_S3_PARTS_IN_FLIGHT", v, 1, 64))
                .orElse(DEFAULT_PARTS_IN_FLIGHT);
        int attempts = value(env, "AWS_MAX_ATTEMPTS").map(v -> number("AWS_MAX_ATTEMPTS", v, 1, 100))
                .orElse(DEFAULT_MAX_ATTEMPTS);
        StaticCredentials credentials = value(env, "AWS_ACCESS_KEY_ID")
                .flatMap(id -> value(env, "AWS_SECRET_ACCESS_KEY").map(secret ->
                        new StaticCredentials(id, secret, value(env, "AWS_SESSION_TOKEN").orElse(null))))
                .orElse(null);
        return new S3Settings(region, endpoint, pathStyle, value(env, "AWS_CA_BUNDLE").orElse(null), partSize,
                inFlight, attempts, DEFAULT_ABORT_PATIENCE, credentials);
    }

    /** These settings with other part sizes: for tests and benchmarks. */
    public S3Settings withParts(int size, int inFlight) {
        return new S3Settings(region, endpoint, pathStyle, caBundle, size, inFlight, maxAttempts, abortPatience,
                credentials);
    }

    /** These settings with other retries: for tests of a store that stays away. */
    public S3Settings withRetries(int attempts, Duration patience) {
        return new S3Settings(region, endpoint, pathStyle, caBundle, partSize, partsInFlight, attempts, patience,
                credentials);
    }

    /** These settings with other credentials. */
    public S3Settings withCredentials(StaticCredentials other) {
        return new S3Settings(region, endpoint, pathStyle, caBundle, partSize, partsInFlight, maxAttempts,
                abortPatience, other);
    }

    /** What bbr's redactor must take out of anything it prints: the secret key and session token, when known. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (credentials != null) {
            secrets.add(credentials.secretAccessKey());
            if (credentials.sessionToken() != null) {
                secrets.add(credentials.sessionToken());
            }
        }
        return secrets;
    }

    /**
     * The secrets of {@code env} as {@link #secrets} would name them, without judging the rest of it: for the
     * redactor, set up before any setting is read (and whether or not the run reaches S3).
     */
    public static List<String> secretsIn(Map<String, String> env) {
        return java.util.stream.Stream.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
                .flatMap(name -> value(env, name).stream()).toList();
    }

    /** The endpoint as messages name it: the one given, or AWS's own for the region. */
    public String endpointShown() {
        return endpoint != null ? endpoint.toString() : "https://s3." + region + ".amazonaws.com";
    }

    /** The memory every upload to one S3 place holds at most, in bytes. */
    public long uploadMemory() {
        return (long) partSize * partsInFlight;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AWS_ENDPOINT_URL '" + value + "' is not an http:// or https:// URL");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '"
                + value + "'");
    }

    /** {@code 16MiB}, {@code 16M}, {@code 16777216}: the sizes an operator writes. */
    static long size(String name, String value) {
        String text = value.replace(" ", "").toLowerCase(Locale.ROOT);
        long unit = 1;
        for (var suffix : List.of(Map.entry("gib", 1L << 30), Map.entry("mib", 1L << 20), Map.entry("kib", 1L << 10),
                Map.entry("g", 1L << 30), Map.entry("m", 1L << 20), Map.entry("k", 1L << 10))) {
            if (text.endsWith(suffix.getKey())) {
                unit = suffix.getValue();
                text = text.substring(0, text.length() - suffix.getKey().length());
                break;
            }
        }
        try {
            long bytes = Math.multiplyExact(Long.parseLong(text), unit);
            if (bytes >= MIN_PART_SIZE && bytes <= MAX_PART_SIZE) {
                return bytes;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a size from 5MiB to 1GiB (e.g. 16MiB), not '" + value + "'");
    }
}
