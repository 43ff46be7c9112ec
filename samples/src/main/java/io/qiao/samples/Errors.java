package io.qiao.samples;

import io.qiao.sync.jdbc.JdbcUrls;

/**
 * Turns an exception into the one sentence the CLI prints: its message, and the root cause when that adds to it; a
 * JDBC URL in either has its password masked.
 */
final class Errors {
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
        s = JdbcUrls.redactIn(s.replaceAll("\\s+", " ").strip());
        return s.endsWith(".") ? s : s + ".";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }
}
