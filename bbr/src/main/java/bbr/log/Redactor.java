package bbr.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text bbr is about to print, even with {@code --debug}: the secrets it was given (the
 * client secret and its basic-auth encoding) wherever they appear, and anything shaped like one — private key
 * blocks, age identities, JWTs, {@code Basic}/{@code bearer} credentials, token and secret fields of JSON or form bodies.
 */
public final class Redactor {

    /** What a secret is replaced by; deliberately not shaped like any of the patterns below. */
    public static final String MASK = "<redacted>";

    /** Shorter literals are left alone: replacing "ab" everywhere would garble messages and protect nothing. */
    private static final int MIN_LITERAL_LENGTH = 4;

    private static final List<Rule> SHAPES = List.of(
            new Rule("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|[\\s\\S]*)",
                    MASK),
            // age identities (age-keygen's AGE-SECRET-KEY-1 + Bech32), whatever a library or a file put around them
            new Rule("(?i)AGE-SECRET-KEY-1[0-9A-Z]*", MASK),
            new Rule("\\beyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*", MASK),
            new Rule("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/-]+=*", "$1 " + MASK),
            new Rule("\\b(Basic)\\s+[A-Za-z0-9+/]{8,}={0,2}", "$1 " + MASK),
            new Rule("(?i)(\"(?:access_token|refresh_token|id_token|client_secret|password)\"\\s*:\\s*)\"[^\"]*\"",
                    "$1\"" + MASK + "\""),
            new Rule("(?i)\\b((?:access_token|refresh_token|client_secret|password)=)[^&\\s\"']*", "$1" + MASK));

    private final List<String> literals;

    private Redactor(List<String> literals) {
        this.literals = List.copyOf(literals);
    }

    /** Redacts the shapes of secrets only. */
    public static Redactor shapes() {
        return new Redactor(List.of());
    }

    /** This redactor, also removing every occurrence of {@code secret}. */
    public Redactor withSecret(String secret) {
        if (secret == null || secret.length() < MIN_LITERAL_LENGTH || literals.contains(secret)) {
            return this;
        }
        List<String> more = new ArrayList<>(literals);
        more.add(secret);
        more.sort(Comparator.comparingInt(String::length).reversed()); // "ab-cd" before its part "ab"
        return new Redactor(more);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String literal : literals) {
            result = result.replace(literal, MASK);
        }
        for (Rule rule : SHAPES) {
            result = rule.apply(result);
        }
        return result;
    }

    /** {@code logger} with every message redacted; progress labels pass as they are (job and instance names). */
    public Logger wrap(Logger logger) {
        return new Logger() {
            @Override
            public void log(Level level, String message) {
                logger.log(level, redact(message));
            }

            @Override
            public void event(Event event) {
                java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
                event.fields().forEach((name, value) -> fields.put(name,
                        value instanceof String text ? redact(text) : value));
                logger.event(new Event(event.type(), event.level(), redact(event.message()), fields));
            }

            @Override
            public ProgressListener progress() {
                return logger.progress();
            }
        };
    }

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String text) {
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? matcher.replaceAll(replacement) : text;
        }
    }
}
