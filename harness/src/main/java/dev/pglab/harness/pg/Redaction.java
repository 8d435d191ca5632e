package dev.pglab.harness.pg;

import java.util.regex.Pattern;

/**
 * The one place that hides secrets in URLs and connection strings before they reach a message, a log line or a
 * report. It works on any text (an exception message may embed a URL anywhere), for every shape pglab accepts:
 * {@code scheme://user:SECRET@host} (postgresql, postgres, jdbc:postgresql, and any other scheme a user may type
 * by mistake), {@code ?password=SECRET} / {@code &password=SECRET} query parameters, and libpq conninfo
 * {@code password=SECRET} or {@code password='SE CRET'} pairs.
 */
public final class Redaction {
    /** What replaces a secret. */
    public static final String MASK = "***";

    // user info of any URL: scheme://user:secret@ (the secret ends at the last '@' before the host part)
    private static final Pattern URL_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://[^/:@\\s?#]*):[^\\s/?#]*@");
    // password=... in a query string or conninfo, quoted (conninfo) or not; also sslpassword
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:ssl)?password\\s*=\\s*)(?:'(?:[^'\\\\]|\\\\.)*'|[^&\\s;]*)");

    private Redaction() {
    }

    /** {@code text} with every password it holds replaced by {@value #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = URL_USERINFO.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        return KEY_VALUE.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + MASK));
    }
}
