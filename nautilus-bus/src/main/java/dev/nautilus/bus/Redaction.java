package dev.nautilus.bus;

import java.util.regex.Pattern;

/**
 * The one way a URL or a configuration value is made safe to print: every path that logs, prints or
 * puts into an error a Redis URL, a JDBC URL or a record holding one goes through here.
 *
 * <ul>
 *   <li>{@code scheme://user:password@host} → {@code scheme://user:***@host}</li>
 *   <li>{@code scheme://password@host} (Redis's password-only form) → {@code scheme://***@host}</li>
 *   <li>{@code password=…}, {@code sslpassword=…}, {@code token=…} parameters (JDBC, query strings) → {@code …=***}</li>
 * </ul>
 */
public final class Redaction {

    /** What stands in for a secret. */
    public static final String MASK = "***";

    // user info is everything between "//" and the last "@" before the host's end
    private static final Pattern USER_INFO = Pattern.compile("(//)([^/?#@]*)@");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;]|\\b)(password|sslpassword|sslkeypassword|token|secret)=([^&;\\s]*)");

    private Redaction() {}

    /** {@code text} with the user info's password and every secret parameter masked; null stays null. */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll(match -> {
            String userInfo = match.group(2);
            int colon = userInfo.indexOf(':');
            String shown = colon >= 0 ? userInfo.substring(0, colon) + ":" + MASK : MASK;
            return java.util.regex.Matcher.quoteReplacement(match.group(1) + shown + "@");
        });
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1$2=" + MASK);
    }
}
