package io.qiao.samples;

import io.qiao.sync.jdbc.JdbcUrls;
import java.util.regex.Pattern;

/**
 * Turns an exception into the one sentence the CLI prints: its message, and the root cause when that adds to it; a
 * JDBC URL in either has its password masked.
 */
final class Errors {
    /** Longer than any message a person reads on one line; what is cut is in the stack trace (--verbose). */
    static final int MAX_LENGTH = 500;
    /**
     * The statement H2 appends to every error ("...; SQL statement:\nMERGE INTO ... [42122-232]"), hundreds of
     * lines for a batch upsert; the error code after it stays. MariaDB's "Query is: ..." likewise.
     */
    private static final Pattern STATEMENT = Pattern.compile(
            "(?s);?\\s*SQL statement:\\s.*?(?=\\s*\\[\\d{5}-\\d+]|$)|\\s*\\bQuery is:\\s.*?(?=;\\s*caused by:|$)");

    private Errors() {
    }

    static String sentence(Throwable e) {
        if (e == null) {
            return "unknown error.";
        }
        String top = describe(e);
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        String s = top;
        if (root != e) {
            String cause = describe(root);
            if (!top.contains(cause) && !cause.isBlank()) {
                s = top + " (cause: " + cause + ")";
            }
        }
        s = condense(s);
        return s.endsWith(".") || s.endsWith("...") ? s : s + ".";
    }

    /**
     * A message or a stored error summary as one line: without the SQL statements databases append, whitespace
     * (newlines) collapsed, JDBC URLs redacted, at most {@link #MAX_LENGTH} characters. Null for null.
     */
    static String condense(String text) {
        if (text == null) {
            return null;
        }
        String s = JdbcUrls.redactIn(STATEMENT.matcher(text).replaceAll("").replaceAll("\\s+", " ").strip());
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 3) + "...";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : condense(m);
    }
}
