package bbr.cli;

import bbr.log.LinePrinter;
import bbr.log.Logger;
import java.time.Clock;

/** What every command needs from the outside world, passed in so tests can drive the CLI in-process. */
record CliContext(Terminal terminal, Clock clock) {

    Logger logger(boolean debug) {
        return new LinePrinter(terminal.out(), debug, clock);
    }
}
