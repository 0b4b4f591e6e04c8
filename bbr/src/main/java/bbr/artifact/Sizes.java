package bbr.artifact;

/** Byte counts written the way {@code du -h} writes them ("4.0K", "3.0M", "12G"), as the original logs them. */
public final class Sizes {

    private static final String UNITS = "KMGTPE";

    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        // du rounds up: 1025 bytes is "1.1K", never "1.0K"
        if (value < 10) {
            double tenths = Math.ceil(value * 10) / 10;
            if (tenths < 10) {
                return String.format("%.1f%c", tenths, UNITS.charAt(unit));
            }
        }
        long whole = (long) Math.ceil(value);
        if (whole >= 1024 && unit < UNITS.length() - 1) {
            return "1.0" + UNITS.charAt(unit + 1);
        }
        return whole + String.valueOf(UNITS.charAt(unit));
    }
}
