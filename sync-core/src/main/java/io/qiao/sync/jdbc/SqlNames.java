package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Table and column names as they go into SQL: validated against a strict pattern (so no configuration value
 * can inject SQL, whatever quoting would have done), then folded to the case the database stores unquoted
 * names in and quoted (so reserved words such as {@code key} or {@code cursor} still work).
 *
 * <p>Folding matters because quoting makes names case-sensitive: a table created as {@code warehouse}
 * is {@code WAREHOUSE} in H2 and {@code warehouse} in PostgreSQL, and {@code "warehouse"} would miss the
 * former. The database's metadata says which way it folds.
 */
final class SqlNames {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

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
     * @throws IllegalArgumentException naming {@code what} and the problem
     */
    static String checkIdentifier(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a valid SQL identifier: use 1-63 "
                    + "letters, digits, '_' or '$', starting with a letter or '_'");
        }
        return name;
    }

    /** Checks a table name, which may be qualified by a schema ({@code erp.warehouse}). */
    static String checkTable(String what, String name) {
        Objects.requireNonNull(name, what);
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(what + " '" + name + "' has more than one '.': use table or schema.table");
        }
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new IllegalArgumentException(what + " '" + name + "' is not a valid table name: each part of "
                        + "schema.table must be 1-63 letters, digits, '_' or '$', starting with a letter or '_'");
            }
        }
        return name;
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
