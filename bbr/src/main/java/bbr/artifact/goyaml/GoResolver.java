package bbr.artifact.goyaml;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether yaml.v2 (v2.4.0 {@code resolve} and {@code isBase60Float}) would read a plain scalar as something other
 * than a string (a bool, null, number or timestamp): such strings it writes double-quoted, the rest plain. The
 * number rules are Go's {@code strconv} ones, which differ from Java's: {@code 0o17} and {@code 017} are octal,
 * {@code 1_000} is an integer, {@code 1e999} is out of range and so a string.
 */
final class GoResolver {

    private static final Set<String> SPECIAL = Set.of(
            "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
            "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<");
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern BASE60_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoResolver() {
    }

    /** False when the first byte alone shows that the text reads as a string (most names and digests). */
    static boolean mayResolve(byte[] raw) {
        if (raw.length == 0) {
            return true;
        }
        int first = raw[0];
        return first == '+' || first == '-' || first == '.' || (first >= '0' && first <= '9')
                || "yYnNtTfFoO~".indexOf(first) >= 0;
    }

    /** True when the string must be quoted to stay a string. */
    static boolean needsQuotes(String s) {
        return !resolvesToString(s) || isBase60Float(s);
    }

    private static boolean resolvesToString(String in) {
        char first = in.isEmpty() ? 'N' : in.charAt(0);
        boolean hinted = in.isEmpty() || first == '+' || first == '-' || first == '.' || (first >= '0' && first <= '9')
                || "yYnNtTfFoO~".indexOf(first) >= 0;
        if (!hinted) {
            return true;
        }
        if (SPECIAL.contains(in)) {
            return false;
        }
        if (first == '.') {
            // a float needs a digit after the point: "./file" is a string at once
            return in.length() < 2 || in.charAt(1) < '0' || in.charAt(1) > '9' || !isGoFloat(in);
        }
        if (first == '+' || first == '-' || (first >= '0' && first <= '9')) {
            if (in.length() >= 8 && in.charAt(4) == '-' && GoTimestamp.parses(in)) {
                return false;
            }
            if (!numeric(in)) {
                return true; // not even a number's characters: a hex digest, a name
            }
            String plain = in.replace("_", "");
            if (isGoInt(plain)) {
                return false;
            }
            if (YAML_FLOAT.matcher(plain).matches() && isGoFloat(plain)) {
                return false;
            }
        }
        return true;
    }

    /** Only characters a Go integer or float literal can hold (digits of every base, signs, point, underscore). */
    private static boolean numeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || "+-._oOxX".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase60Float(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.indexOf(':') < 0) {
            return false;
        }
        return BASE60_FLOAT.matcher(s).matches();
    }

    /** {@code strconv.ParseInt(s, 0, 64)} or {@code ParseUint(s, 0, 64)} succeeds (underscores already removed). */
    private static boolean isGoInt(String s) {
        boolean negative = false;
        String digits = s;
        boolean signed = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-');
        if (signed) {
            negative = s.charAt(0) == '-';
            digits = s.substring(1);
        }
        int radix = 10;
        if (digits.length() >= 2 && digits.charAt(0) == '0') {
            char prefix = Character.toLowerCase(digits.charAt(1));
            if (prefix == 'x' || prefix == 'o' || prefix == 'b') {
                radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
                digits = digits.substring(2);
            } else {
                radix = 8;
                digits = digits.substring(1);
            }
        }
        if (digits.isEmpty()) {
            return radix == 8 && !s.endsWith("o") && !s.endsWith("O"); // "0" alone, not "0o"
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'z') {
                return false;
            }
        }
        BigInteger value = new BigInteger(digits, radix);
        if (negative) {
            return value.compareTo(BigInteger.ONE.shiftLeft(63)) <= 0;
        }
        return signed ? value.bitLength() <= 63 : value.compareTo(UINT64_MAX) <= 0;
    }

    /** {@code strconv.ParseFloat(s, 64)} of a decimal literal succeeds: well-formed and not out of range. */
    private static boolean isGoFloat(String s) {
        if (!GoNumbers.underscoresOk(s)) {
            return false;
        }
        String plain = s.replace("_", "");
        if (!DECIMAL_FLOAT.matcher(plain).matches()) {
            return false;
        }
        return !Double.isInfinite(Double.parseDouble(plain));
    }
}
