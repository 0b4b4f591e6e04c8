package bbr.artifact.goyaml;

/**
 * Whether yaml.v2's {@code parseTimestamp} accepts a string: Go's {@code time.Parse} with one of the layouts
 * {@code 2006-1-2T15:4:5.999999999Z07:00} (also with a lower-case {@code t}), {@code 2006-1-2 15:4:5.999999999} and
 * {@code 2006-1-2}. Such a string is written quoted, or it would be read back as a time.
 */
final class GoTimestamp {

    private final String value;
    private int position;

    private GoTimestamp(String value) {
        this.value = value;
    }

    static boolean parses(String s) {
        return new GoTimestamp(s).matches('T', true) || new GoTimestamp(s).matches('t', true)
                || new GoTimestamp(s).matches(' ', false) || new GoTimestamp(s).dateOnly();
    }

    private boolean dateOnly() {
        return date() && position == value.length();
    }

    private boolean matches(char separator, boolean zone) {
        if (!date() || !literal(separator)) {
            return false;
        }
        int hour = number();
        if (hour < 0 || hour >= 24 || !literal(':')) {
            return false;
        }
        int minute = number();
        if (minute < 0 || minute >= 60 || !literal(':')) {
            return false;
        }
        int second = number();
        if (second < 0 || second >= 60) {
            return false;
        }
        fraction();
        if (zone && !zone()) {
            return false;
        }
        return position == value.length();
    }

    private boolean date() {
        if (value.length() < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (!digit(i)) {
                return false;
            }
        }
        int year = Integer.parseInt(value.substring(0, 4));
        position = 4;
        if (!literal('-')) {
            return false;
        }
        int month = number();
        if (month < 1 || month > 12 || !literal('-')) {
            return false;
        }
        int day = number();
        return day >= 1 && day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    /** Go's {@code getnum(value, false)}: one or two digits. */
    private int number() {
        if (!digit(position)) {
            return -1;
        }
        int n = value.charAt(position++) - '0';
        if (digit(position)) {
            n = n * 10 + value.charAt(position++) - '0';
        }
        return n;
    }

    /** Optional: a period or comma and any number of digits. */
    private void fraction() {
        if (position + 1 < value.length() && (value.charAt(position) == '.' || value.charAt(position) == ',')
                && digit(position + 1)) {
            position++;
            while (digit(position)) {
                position++;
            }
        }
    }

    private boolean zone() {
        if (literal('Z')) {
            return true;
        }
        if (value.length() - position < 6 || value.charAt(position + 3) != ':') {
            return false;
        }
        char sign = value.charAt(position);
        boolean ok = (sign == '+' || sign == '-') && digit(position + 1) && digit(position + 2) && digit(position + 4)
                && digit(position + 5);
        position += 6;
        return ok;
    }

    private boolean literal(char c) {
        if (position < value.length() && value.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private boolean digit(int i) {
        return i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9';
    }
}
