package bbr.log;

/**
 * Where the domain reports what it is doing. Implementations render events; the domain never prints.
 */
public interface Logger {

    void log(Level level, String message);

    /** A step of the run; printers that know no events show its log line. */
    default void event(Event event) {
        log(event.level(), event.message());
    }

    /** Where copy progress goes; by default the original's percent lines through this logger. */
    default ProgressListener progress() {
        return new PercentLines(this);
    }

    /** This logger, with copy progress shown by {@code listener} instead. */
    default Logger withProgress(ProgressListener listener) {
        Logger lines = this;
        return new Logger() {
            @Override
            public void log(Level level, String message) {
                lines.log(level, message);
            }

            @Override
            public void event(Event event) {
                lines.event(event);
            }

            @Override
            public ProgressListener progress() {
                return listener;
            }
        };
    }

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
        return new Logger() {
            @Override
            public void log(Level level, String message) {
            }

            @Override
            public ProgressListener progress() {
                return ProgressListener.none();
            }
        };
    }
}
