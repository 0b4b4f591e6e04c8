package bbr.log;

/**
 * Where the domain reports what it is doing. Implementations render events; the domain never prints.
 */
public interface Logger {

    void log(Level level, String message);

    default void debug(String format, Object... args) {
        log(Level.DEBUG, args.length == 0 ? format : String.format(format, args));
    }

    default void info(String format, Object... args) {
        log(Level.INFO, args.length == 0 ? format : String.format(format, args));
    }

    default void warn(String format, Object... args) {
        log(Level.WARN, args.length == 0 ? format : String.format(format, args));
    }

    default void error(String format, Object... args) {
        log(Level.ERROR, args.length == 0 ? format : String.format(format, args));
    }

    /** A logger that drops everything, for tests and for work whose output does not matter. */
    static Logger discarding() {
        return (level, message) -> { };
    }
}
