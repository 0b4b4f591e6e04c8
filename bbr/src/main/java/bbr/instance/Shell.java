package bbr.instance;

/** Quoting for the POSIX shell that runs our remote commands. */
public final class Shell {

    private Shell() {
    }

    /** Single-quotes a word so the shell passes it through unchanged, whatever it contains. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
