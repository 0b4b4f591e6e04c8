package bbr.log;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Pattern;

/**
 * Words for a failure that an operator can read: what went wrong, never a Java class name, an array's
 * {@code [B@…} or a stack frame (those go to {@code bbr-<time>.err.log}).
 */
public final class Failures {

    /** "java.net.SocketException: " and the like, as libraries embed a cause's toString() in their messages. */
    private static final Pattern CLASS_PREFIX = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)(?::\\s*|\\b)");
    private static final Pattern ARRAY_IDENTITY = Pattern.compile("\\[[BCIJSZ]@[0-9a-f]+");

    private Failures() {
    }

    /** What {@code failure} means, in the words Go's standard library would use where bbr's original did. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        if (failure instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file or directory";
        }
        if (failure instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (failure instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + ": file exists";
        }
        if (failure instanceof FileSystemException other && other.getReason() != null) {
            return other.getFile() + ": " + other.getReason();
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (failure instanceof SocketTimeoutException) {
            return message.isEmpty() ? "timed out" : message;
        }
        if (failure instanceof ConnectException) {
            return message.isEmpty() ? "connection refused" : message;
        }
        if (failure instanceof EOFException) {
            return message.isEmpty() ? "the connection closed early" : "the connection closed early: " + message;
        }
        if (!message.isEmpty()) {
            return scrub(message);
        }
        if (failure.getCause() != null && failure.getCause() != failure) {
            return describe(failure.getCause());
        }
        return failure instanceof RuntimeException || failure instanceof Error
                ? "an internal error (its stack trace is in the bbr-<time>.err.log file)"
                : "an input/output error";
    }

    /** {@code text} without the Java class names and array identities that library messages sometimes carry. */
    public static String scrub(String text) {
        return ARRAY_IDENTITY.matcher(CLASS_PREFIX.matcher(text).replaceAll("")).replaceAll("(bytes)");
    }
}
