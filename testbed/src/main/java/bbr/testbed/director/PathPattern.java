package bbr.testbed.director;

import java.util.regex.Pattern;

/**
 * A request pattern: a method ("*" for any) and a path glob where {@code *} matches within one segment and
 * {@code **} across segments. A glob with a {@code ?} matches the path with its query ("/tasks/*&#47;output?type=result").
 */
record PathPattern(String method, String glob, Pattern regex) {

    static PathPattern of(String method, String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/?]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new PathPattern(method, glob, Pattern.compile(regex.toString()));
    }

    boolean matches(String requestMethod, String path, String query) {
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String subject = glob.contains("?") && !query.isEmpty() ? path + "?" + query : path;
        return regex.matcher(subject).matches();
    }

    @Override
    public String toString() {
        return method + " " + glob;
    }
}
