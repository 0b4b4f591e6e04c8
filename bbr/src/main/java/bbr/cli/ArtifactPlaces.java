package bbr.cli;

import bbr.artifact.local.LocalPlace;
import bbr.artifact.store.ArtifactPlace;
import bbr.artifact.store.CopyingPlace;
import bbr.log.Redactor;
import bbr.s3.S3Location;
import bbr.s3.S3Place;
import bbr.s3.S3Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where an {@code --artifact-path} or {@code --copy-to} string becomes an {@link ArtifactPlace}: a
 * local directory (relative to the working directory), or {@code s3://BUCKET[/PREFIX]}, reached as the AWS
 * environment variables say. Every place made here must be closed at the end of the run.
 */
final class ArtifactPlaces {

    /** One backup: the place that holds it and its name there. */
    record Backup(ArtifactPlace place, String name) {
    }

    private final Path workingDirectory;
    private final Map<String, String> environment;

    ArtifactPlaces(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    /** The places of this process: its working directory and environment. */
    static ArtifactPlaces of(Path workingDirectory) {
        return new ArtifactPlaces(workingDirectory, System.getenv());
    }

    /**
     * The redactor every command starts from: the shapes of secrets, and the S3 secret key and session token of the
     * environment, whether or not this run reaches S3.
     */
    static Redactor redactor() {
        Redactor redactor = Redactor.shapes();
        for (String secret : S3Settings.secretsIn(System.getenv())) {
            redactor = redactor.withSecret(secret);
        }
        return redactor;
    }

    /**
     * Where a backup writes its artifacts: {@code artifactPath} (the working directory when it is null), and the
     * same bytes to each of {@code copyTo}.
     *
     * @throws IllegalArgumentException naming the value, or the environment variable, that is wrong
     */
    ArtifactPlace forBackups(String artifactPath, List<String> copyTo) {
        ArtifactPlace first = place(artifactPath != null ? artifactPath : "");
        if (copyTo.isEmpty()) {
            return first;
        }
        List<ArtifactPlace> places = new ArrayList<>(List.of(first));
        try {
            for (String destination : copyTo) {
                places.add(place(destination));
            }
        } catch (RuntimeException e) {
            places.forEach(ArtifactPlace::close);
            throw e;
        }
        return new CopyingPlace(places, false);
    }

    /**
     * The backup that {@code artifactPath} names, for restore and verify: its last segment is the backup's name.
     *
     * @throws IllegalArgumentException naming the value, or the environment variable, that is wrong
     */
    Backup backup(String artifactPath) {
        if (S3Location.isS3(artifactPath)) {
            S3Location location = S3Location.parse(artifactPath);
            String prefix = location.prefix();
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("--artifact-path " + artifactPath + " names a bucket, not a backup:"
                        + " give s3://BUCKET[/PREFIX]/DEPLOYMENT_TIMESTAMP");
            }
            int slash = prefix.lastIndexOf('/');
            String parent = "s3://" + location.bucket() + (slash < 0 ? "" : "/" + prefix.substring(0, slash));
            return new Backup(s3(parent), prefix.substring(slash + 1));
        }
        Path directory = workingDirectory.resolve(artifactPath);
        Path parent = directory.getParent();
        Path name = directory.getFileName();
        if (parent == null || name == null) {
            return new Backup(new LocalPlace(directory), ".");
        }
        return new Backup(new LocalPlace(parent), name.toString());
    }

    /** {@link #backup} of this process, or empty after telling the operator which value is wrong. */
    static Optional<Backup> backupOrFlagError(String artifactPath, Terminal terminal) {
        try {
            return Optional.of(of(terminal.workingDirectory()).backup(artifactPath));
        } catch (IllegalArgumentException e) {
            flagError(terminal, e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether {@code --artifact-path} is missing, after printing the command's usage and saying so. */
    static boolean missing(String artifactPath, picocli.CommandLine.Model.CommandSpec spec, Terminal terminal) {
        if (artifactPath != null) {
            return false;
        }
        spec.commandLine().usage(terminal.out());
        terminal.flagError("--artifact-path flag is required.");
        return true;
    }

    /** A value bbr cannot use: on stderr (and as a JSON error with {@code --json}), for an exit 1. */
    static void flagError(Terminal terminal, String message) {
        if (terminal.json() != null) {
            terminal.json().error(message, 1, null, null);
        }
        terminal.flagError(message);
    }

    /** A directory or an {@code s3://} URL, as the operator wrote it. */
    ArtifactPlace place(String path) {
        return S3Location.isS3(path) ? s3(path) : new LocalPlace(workingDirectory.resolve(path));
    }

    private ArtifactPlace s3(String url) {
        S3Location.parse(url); // the URL's fault before the environment's
        return S3Place.open(url, S3Settings.fromEnvironment(environment));
    }
}
