package bbr.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code metadata} in the layout the original's yaml.v2 writes and reads ({@link MetadataWriter},
 * {@link MetadataReader}), from and to a file or, for tests and small documents, a string.
 */
public final class MetadataYaml {

    private MetadataYaml() {
    }

    /** @throws IllegalArgumentException naming what is wrong, when the file is not a valid metadata file */
    public static BackupMetadata read(Path file) throws IOException {
        return MetadataReader.read(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming what is wrong, when the text is not a valid metadata file */
    public static BackupMetadata read(String text) {
        try {
            return MetadataReader.read(() -> new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(BackupMetadata metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MetadataWriter.write(metadata, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
