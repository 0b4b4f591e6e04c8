package bbr.ssh;

import java.util.Map;

/** Maps an SSH exit-signal name to the shell-style exit status 128 + signal number, as Go's ssh package does. */
final class ExitSignals {

    /** The signals RFC 4254 §6.10 names, numbered as on Linux; Go's x/crypto/ssh uses the same table. */
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
            Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15));

    private ExitSignals() {
    }

    static int exitStatus(String signal) {
        return 128 + NUMBERS.getOrDefault(signal, 0);
    }
}
