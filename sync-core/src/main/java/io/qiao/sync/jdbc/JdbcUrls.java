package io.qiao.sync.jdbc;

import io.qiao.client.Redactor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a JDBC URL fit to show: every password it may carry is replaced by {@link #MASK}, host, port, database and
 * the other settings stay readable. Use it wherever a URL reaches a message, a log, a status file or a report.
 *
 * <p>The forms masked: user info in any host of the list ({@code jdbc:mysql://u:pw@h1,u2:pw2@h2/db}, MariaDB's
 * {@code //u:pw@h}), Oracle's {@code user/pw@}, and the value of every secret-looking key ({@code password},
 * {@code pwd}, {@code passwd}, {@code sslpassword}, {@code trustStorePassword}, {@code password1}, {@code secret},
 * {@code token}, ... in any case) wherever keys go: the query string ({@code ?a=1&password=pw}), {@code ;key=value}
 * settings (H2, SQL Server, with SQL Server's {@code {braced}} values) and MySQL's key-value hosts
 * ({@code (host=h,password=pw)}, {@code address=(host=h)(password=pw)}). Where user info cannot be split into
 * well-formed hosts (an unencoded {@code @}, {@code ,} or {@code /} in a password), everything from the first user's
 * password to the last {@code @} is masked: a host too many hidden rather than a password shown.
 */
public final class JdbcUrls {
    /** What a secret is replaced with: the same mask as the clients' {@link Redactor}. */
    public static final String MASK = Redactor.MASK;

    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i)[\\w.\\-]*(pass|pwd|secret|token|credential|api[-_]?key)[\\w.\\-]*");
    // a key after one of the characters that begin a setting, then '=': the value runs to that form's terminator
    private static final Pattern KEY_VALUE = Pattern.compile("([?&;(,])\\s*([\\w.\\-]+)\\s*=");
    private static final Pattern JDBC_IN_TEXT = Pattern.compile("(?i)jdbc:[^\\s'\"<>]+");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[\\w.\\-%]+)(:\\d{1,5})?]?");
    private static final Pattern ORACLE_USER = Pattern.compile("(?i)^(jdbc:oracle:\\w+:[^/@:]*/)(.*)@");

    private JdbcUrls() {
    }

    /** The URL with its secrets masked; null for null. Never throws. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        try {
            return maskKeyValues(maskUserInfo(url));
        } catch (RuntimeException e) {
            // a URL this class does not understand: show its kind only, never its text
            int colon = url.indexOf(':', "jdbc:".length());
            return (colon > 0 && colon < 40 ? url.substring(0, colon + 1) : "jdbc:") + MASK;
        }
    }

    /**
     * Free text (an exception message, a log line) with every JDBC URL in it redacted: drivers and
     * {@code DriverManager} ("No suitable driver found for jdbc:...") repeat the URL they were given.
     */
    public static String redactIn(String text) {
        if (text == null || !text.toLowerCase(Locale.ROOT).contains("jdbc:")) {
            return text;
        }
        Matcher m = JDBC_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(redact(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ user info

    private static String maskUserInfo(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:oracle:")) {
            return maskOracle(url);
        }
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return url;
        }
        int start = slashes + 2;
        // The user info ends at the last '@' before the query string; a password holding '?' (unencoded) moves
        // the query's start, so the last '@' before the first '=' counts as well. An '@' only in the query string
        // is a value (an e-mail user name), masked by its key if secret.
        int lastAt = Math.max(lastAtBefore(url, start, url.indexOf('?', start)),
                lastAtBefore(url, start, url.indexOf('=', start)));
        if (lastAt < start) {
            return url;
        }
        int query = url.indexOf('?', lastAt);
        int limit = query < 0 ? url.length() : query;
        int hostsEnd = endOfHosts(url, lastAt + 1, limit);
        String hosts = url.substring(start, hostsEnd);
        String masked = maskHostList(hosts);
        if (masked == null) {
            masked = maskCoarsely(url.substring(start, lastAt)) + url.substring(lastAt, hostsEnd);
        }
        return url.substring(0, start) + masked + url.substring(hostsEnd);
    }

    private static int lastAtBefore(String url, int start, int end) {
        int at = url.lastIndexOf('@', (end < 0 ? url.length() : end) - 1);
        return at < start ? -1 : at;
    }

    private static int endOfHosts(String url, int from, int limit) {
        for (int i = from; i < limit; i++) {
            char c = url.charAt(i);
            if (c == '/' || c == ';') {
                return i;
            }
        }
        return limit;
    }

    /** Each host of the list masked, or null when the list is not made of well-formed [user[:pw]@]host[:port]. */
    private static String maskHostList(String hosts) {
        String[] parts = hosts.split(",", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int at = part.indexOf('@');
            String host = at < 0 ? part : part.substring(at + 1);
            if (!HOST.matcher(host).matches() && !host.startsWith("(") && !host.startsWith("address=")) {
                return null;
            }
            if (i > 0) {
                out.append(',');
            }
            if (at < 0) {
                out.append(part);
                continue;
            }
            String user = part.substring(0, at);
            int colon = user.indexOf(':');
            if (colon < 0 && i > 0) {
                return null; // "u:12,34@h" would read as host "u:12" and user "34": the password split at a comma
            }
            out.append(colon < 0 ? user : user.substring(0, colon + 1) + MASK).append('@').append(host);
        }
        return out.toString();
    }

    /** "u:p@h1,u2:p2" -> "u:***": the user of the first host stays, everything after its ':' goes. */
    private static String maskCoarsely(String userInfo) {
        int colon = userInfo.indexOf(':');
        int at = userInfo.indexOf('@');
        if (colon >= 0 && (at < 0 || colon < at)) {
            return userInfo.substring(0, colon + 1) + MASK;
        }
        return MASK;
    }

    /** jdbc:oracle:thin:scott/tiger@host:1521:orcl (and @//host/service): the password runs to the last '@'. */
    private static String maskOracle(String url) {
        Matcher m = ORACLE_USER.matcher(url);
        return m.find() ? m.group(1) + MASK + url.substring(m.end(2)) : url;
    }

    // ------------------------------------------------------------------------------------------ key=value

    private static String maskKeyValues(String url) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        Matcher m = KEY_VALUE.matcher(url);
        while (from < url.length() && m.find(from)) {
            if (!SECRET_KEY.matcher(m.group(2)).matches()) {
                from = m.end();
                continue;
            }
            int valueStart = m.end();
            int valueEnd = endOfValue(url, valueStart, m.group(1).charAt(0));
            out.append(url, copied, valueStart).append(MASK);
            copied = valueEnd;
            from = Math.max(valueEnd, valueStart);
        }
        return out.append(url, Math.min(copied, url.length()), url.length()).toString();
    }

    /**
     * Where a value ends: a query value at '&' (or '#'), a ';' setting at ';' (SQL Server braces "{a;b}" whole), a
     * key-value host at ',' or ')'; a quoted value at its closing quote.
     */
    private static int endOfValue(String url, int start, char opener) {
        int i = start;
        while (i < url.length() && url.charAt(i) == ' ') {
            i++;
        }
        if (i < url.length()) {
            char first = url.charAt(i);
            char close = first == '{' ? '}' : first == '\'' || first == '"' ? first : 0;
            if (close != 0) {
                int end = url.indexOf(close, i + 1);
                return end < 0 ? url.length() : end + 1;
            }
        }
        String terminators = switch (opener) {
            case '?', '&' -> "&#";
            case ';' -> ";";
            default -> ",)";
        };
        for (; i < url.length(); i++) {
            if (terminators.indexOf(url.charAt(i)) >= 0) {
                return i;
            }
        }
        return url.length();
    }
}
