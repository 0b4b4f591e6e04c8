package bbr.encoding;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Why a key file could not be read, in words and without a Java class name. */
final class KeyFiles {

    private KeyFiles() {
    }

    static String reason(IOException e, Path file) {
        if (Files.isDirectory(file)) {
            return "it is a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message != null && !message.isBlank() ? message : "an I/O error";
    }
}
