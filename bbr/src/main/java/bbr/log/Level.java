package bbr.log;

/** Severity of a log line, in the original's wording. */
public enum Level {
    DEBUG, INFO, WARN, ERROR
}
