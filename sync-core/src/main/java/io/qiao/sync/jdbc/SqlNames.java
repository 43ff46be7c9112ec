package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

/**
 * Table and column names as they go into SQL: validated against a strict rule (so no configuration value
 * can inject SQL, whatever quoting would have done), then folded to the case the database stores unquoted
 * names in and quoted (so reserved words such as {@code key} or {@code cursor} still work).
 *
 * <p>The rule is ASCII only: a look-alike letter (Cyrillic {@code а}, fullwidth {@code ｗ}) names another
 * table than the one the operator reads, and some drivers and servers convert such characters on the way, so
 * they are refused rather than passed on. Every name a builder or the CLI accepts goes through
 * {@link #checkIdentifier} or {@link #checkTable} when it is given, before any connection is taken.
 *
 * <p>Folding matters because quoting makes names case-sensitive: a table created as {@code warehouse}
 * is {@code WAREHOUSE} in H2 and {@code warehouse} in PostgreSQL, and {@code "warehouse"} would miss the
 * former. The database's metadata says which way it folds.
 */
final class SqlNames {
    /** PostgreSQL's limit (MySQL's is 64): a longer name would be cut short there, silently. */
    static final int MAX_LENGTH = 63;
    private static final String RULE = "1-" + MAX_LENGTH + " ASCII letters, digits, '_' or '$', starting with a "
            + "letter or '_'";
    /** Longest part of a refused value that a message repeats. */
    private static final int SHOWN = 80;

    private final Dialect dialect;
    private final Fold fold;

    SqlNames(Dialect dialect, Fold fold) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.fold = Objects.requireNonNull(fold, "fold");
    }

    /** The names of {@code connection}'s database; {@code override} (may be null) replaces the detected dialect. */
    static SqlNames of(Connection connection, Dialect override) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        Dialect dialect = override != null ? override : Dialect.of(md);
        Fold fold = md.storesUpperCaseIdentifiers() ? Fold.UPPER
                : md.storesLowerCaseIdentifiers() ? Fold.LOWER : Fold.NONE;
        // MySQL reports lower-case storage on some systems (lower_case_table_names) but its backticks never
        // make a name case-sensitive, so folding there would only change what users see in messages.
        return new SqlNames(dialect, dialect == Dialect.MYSQL ? Fold.NONE : fold);
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Checks a plain name (a column).
     *
     * @param option the builder option or setting the name came from, for the message
     * @throws IllegalArgumentException naming {@code option}, the value, what is wrong with it and the rule
     */
    static String checkIdentifier(String option, String name) {
        Objects.requireNonNull(name, () -> option + " must not be null");
        String problem = problem(name, 0);
        if (problem != null) {
            throw new IllegalArgumentException(option + " " + shown(name) + " is not a valid SQL identifier: "
                    + problem + "; use " + RULE);
        }
        return name;
    }

    /** Checks a table name, which may be qualified by a schema ({@code erp.warehouse}). */
    static String checkTable(String option, String name) {
        Objects.requireNonNull(name, () -> option + " must not be null");
        String[] parts = name.split("\\.", -1);
        String problem = parts.length > 2 ? "it has more than one '.'" : null;
        for (int i = 0, at = 0; problem == null && i < parts.length; at += parts[i].length() + 1, i++) {
            problem = problem(parts[i], at);
            if (problem != null && parts.length == 2) {
                problem = (i == 0 ? "in its schema part, " : "in its table part, ") + problem;
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(option + " " + shown(name) + " is not a valid table name: " + problem
                    + "; use table or schema.table, each part " + RULE);
        }
        return name;
    }

    /** What is wrong with one part of a name, positions counted from {@code offset} (1-based); null if nothing. */
    private static String problem(String part, int offset) {
        if (part.isEmpty()) {
            return "it is empty";
        }
        for (int i = 0; i < part.length(); ) {
            int cp = part.codePointAt(i);
            boolean letter = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || cp == '_';
            boolean other = (cp >= '0' && cp <= '9') || cp == '$';
            if (!letter && !(other && i > 0)) {
                return describe(cp) + " at position " + (offset + i + 1) + " is not allowed"
                        + (i == 0 && other ? " first" : "");
            }
            i += Character.charCount(cp);
        }
        if (part.length() > MAX_LENGTH) {
            return "it is " + part.length() + " characters long";
        }
        return null;
    }

    /** {@code ' ' (U+0020 SPACE)}: the character itself only when printing it cannot hide or forge anything. */
    private static String describe(int cp) {
        String name = Character.getName(cp);
        String code = String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name);
        return printable(cp) ? "'" + new String(Character.toChars(cp)) + "' (" + code + ")" : code;
    }

    /** The value as a message shows it: control and invisible format characters escaped, long values cut. */
    static String shown(String value) {
        StringBuilder sb = new StringBuilder("'");
        int count = 0;
        for (int i = 0; i < value.length() && count < SHOWN; count++) {
            int cp = value.codePointAt(i);
            if (printable(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            }
            i += Character.charCount(cp);
        }
        sb.append(value.codePointCount(0, value.length()) > SHOWN ? "...'" : "'");
        return sb.toString();
    }

    private static boolean printable(int cp) {
        int type = Character.getType(cp);
        return !Character.isISOControl(cp) && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.UNASSIGNED
                && type != Character.SURROGATE && type != Character.PRIVATE_USE;
    }

    /** The quoted form of an already checked name (qualified names are quoted part by part). */
    String quote(String name) {
        char q = dialect.quoteChar();
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (String part : name.split("\\.")) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(q).append(fold.apply(part)).append(q);
        }
        return sb.toString();
    }

    /**
     * The name of an index or key derived from a table's name ({@code <table>_<suffix>}, '.' as '_'), kept within
     * {@link #MAX_LENGTH}: a long table name is cut and a hash of it keeps two such names apart.
     */
    static String derived(String table, String suffix) {
        String base = table.replace('.', '_');
        if (base.length() + suffix.length() <= MAX_LENGTH) {
            return base + suffix;
        }
        String hash = String.format(Locale.ROOT, "%08x", base.hashCode());
        return base.substring(0, MAX_LENGTH - suffix.length() - hash.length() - 1) + "_" + hash + suffix;
    }

    /** How a database stores names written without quotes. */
    enum Fold {
        NONE, UPPER, LOWER;

        String apply(String name) {
            return switch (this) {
                case NONE -> name;
                case UPPER -> name.toUpperCase(Locale.ROOT);
                case LOWER -> name.toLowerCase(Locale.ROOT);
            };
        }
    }
}
