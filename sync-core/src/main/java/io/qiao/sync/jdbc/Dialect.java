package io.qiao.sync.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL flavours Qiao's JDBC parts speak. Detected from the connection's metadata and overridable (for a
 * database that announces itself oddly, such as H2 in MySQL mode that should still use H2's own MERGE).
 *
 * <p>Only the parts that differ between databases live here: identifier quoting, the upsert statement and
 * the DDL resource. Everything else is standard SQL that all three accept.
 */
public enum Dialect {
    /** MySQL and MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE}. */
    MYSQL('`', "mysql"),
    /** PostgreSQL: {@code INSERT ... ON CONFLICT (key) DO UPDATE}. */
    POSTGRESQL('"', "postgresql"),
    /** H2: {@code MERGE INTO ... KEY (key)}. */
    H2('"', "h2");

    private final char quote;
    private final String ddlName;

    Dialect(char quote, String ddlName) {
        this.quote = quote;
        this.ddlName = ddlName;
    }

    /**
     * The dialect of a connection, from {@link DatabaseMetaData#getDatabaseProductName()}.
     *
     * @throws IllegalArgumentException for a database Qiao does not support, naming it
     */
    public static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("mysql") || p.contains("mariadb")) {
            return MYSQL;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("database '" + product + "' is not supported: Qiao's JDBC parts speak "
                + "MySQL/MariaDB, PostgreSQL and H2; set the dialect explicitly if it is compatible with one of them");
    }

    /**
     * The DDL of one of Qiao's own tables ({@code qiao_checkpoint}, {@code qiao_dead_letter}) in this dialect,
     * shipped on the classpath for DBAs who create tables by hand:
     * {@code io/qiao/sync/jdbc/ddl/<dialect>/<table>.sql}.
     */
    public String ddlResource(String table) {
        return "io/qiao/sync/jdbc/ddl/" + ddlName + "/" + table + ".sql";
    }

    char quoteChar() {
        return quote;
    }

    /**
     * The multi-row upsert for {@code rows} rows. One statement carries many rows because that, not the
     * driver's batching, is what makes every driver fast: MariaDB Connector/J sends an upsert batch one row
     * per statement unless the user tuned its URL, and PostgreSQL's driver only rewrites plain inserts.
     *
     * @param table         quoted table name
     * @param columns       quoted column names, in parameter order
     * @param keys          quoted key columns (a subset of {@code columns})
     * @param updateColumns quoted columns to overwrite when the key exists (may be empty)
     *
     * <p>So that the sink can say how many rows it created, updated or found unchanged, PostgreSQL's statement
     * updates only rows whose values differ and returns {@code xmax = 0} (true for an inserted row) for each row
     * it inserted or updated; H2's updates only rows that differ, so that its update count is inserted + updated.
     */
    String upsert(String table, List<String> columns, List<String> keys, List<String> updateColumns, int rows) {
        return upsert(table, columns, keys, updateColumns, rows, false);
    }

    /**
     * As {@link #upsert(String, List, List, List, int)}; with {@code countDuplicates} (MySQL dialect, used on MariaDB),
     * the statement also counts the rows whose key existed, so that the sink can tell how many rows were not created
     * without looking every key up beforehand (a query that cost a fifth of an update's time). The count is kept twice:
     * <ul>
     *   <li>as {@code LAST_INSERT_ID(}{@value #COUNT_BASE}{@code  + count)}, which the server sends back in the
     *       statement's own answer (its insert id, read through {@code getGeneratedKeys()}): no second round trip.
     *       The base keeps that figure apart from an AUTO_INCREMENT value, which takes its place when the statement
     *       generated one (the server reports a generated value first);</li>
     *   <li>in the session variable {@value #DUPLICATES}, read with {@code SELECT @qiao_dups} when the answer carried
     *       no count (a table whose AUTO_INCREMENT column the rows leave to the server).</li>
     * </ul>
     * The statement starts both at 0 itself, in its first row's first key value,
     * {@code IF(LAST_INSERT_ID(base + (@qiao_dups := 0)) > 0, ?, NULL)} (always the parameter, of the parameter's type):
     * a row's values are evaluated before its duplicate-key update, so the count starts at 0 before the first
     * increment, whatever an earlier statement left, without a {@code SET} round trip before each statement (which
     * cost 1-4% of an upsert's rows per second). Each row whose key existed adds 1 in a condition that is always true,
     * so the column still gets the row's value and an unchanged row stays unchanged. The connection's
     * {@code LAST_INSERT_ID()} is left at the base plus the count, as the session variable is.
     */
    String upsert(String table, List<String> columns, List<String> keys, List<String> updateColumns, int rows,
                  boolean countDuplicates) {
        String values = valuesClause(columns.size(), rows,
                countDuplicates && this == MYSQL ? columns.indexOf(keys.get(0)) : -1);
        String cols = String.join(", ", columns);
        return switch (this) {
            case MYSQL -> "INSERT INTO " + table + " (" + cols + ") VALUES " + values + " ON DUPLICATE KEY UPDATE "
                    // VALUES(col) works on MariaDB and on MySQL (deprecated there since 8.0.20, not removed).
                    + mysqlUpdates(keys, updateColumns, countDuplicates);
            case POSTGRESQL -> "INSERT INTO " + table + " AS t (" + cols + ") VALUES " + values
                    + " ON CONFLICT (" + String.join(", ", keys) + ") "
                    + (updateColumns.isEmpty()
                    ? "DO NOTHING"
                    : "DO UPDATE SET " + updateColumns.stream().map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "))
                    // as text, since some types (json) have no equality; equal text is the same stored value
                    + " WHERE ROW(" + updateColumns.stream().map(c -> "t." + c + "::text")
                    .collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ROW("
                    + updateColumns.stream().map(c -> "EXCLUDED." + c + "::text").collect(Collectors.joining(", "))
                    + ")")
                    + " RETURNING (xmax = 0)";
            case H2 -> h2MergeUsing(table, columns, keys, updateColumns, values);
        };
    }

    /** The session variable a MariaDB upsert counts the rows whose key existed in. */
    static final String DUPLICATES = "@qiao_dups";

    /**
     * What a MariaDB upsert adds to its count in {@code LAST_INSERT_ID()}: 2^62, far above any AUTO_INCREMENT value a
     * table reaches, so that an insert id in {@code [COUNT_BASE, COUNT_BASE + rows]} can only be the statement's count.
     */
    static final long COUNT_BASE = 1L << 62;

    /**
     * The count plus one, in integers: the server types {@code @qiao_dups + 1} when it prepares the statement, from
     * what the variable holds then, and in a new session (nothing) or after {@code SET @qiao_dups = 'text'} that is
     * floating point, in which {@code 2^62 + 1} is {@code 2^62}: the count would read 0.
     */
    private static final String INCREMENT = "CAST(" + DUPLICATES + " AS SIGNED) + 1";

    /** {@code IF(LAST_INSERT_ID(base + (@qiao_dups := <next>)) > 0, <then>, <otherwise>)}. */
    private static String counting(String next, String then, String otherwise) {
        return "IF(LAST_INSERT_ID(" + COUNT_BASE + " + (" + DUPLICATES + " := " + next + ")) > 0, " + then + ", "
                + otherwise + ")";
    }

    private static String mysqlUpdates(List<String> keys, List<String> updateColumns, boolean countDuplicates) {
        List<String> assignments = new java.util.ArrayList<>();
        if (updateColumns.isEmpty()) {
            assignments.add(keys.get(0) + " = " + (countDuplicates
                    ? counting(INCREMENT, keys.get(0), keys.get(0)) : keys.get(0)));
        } else {
            for (String c : updateColumns) {
                assignments.add(c + " = " + (countDuplicates && assignments.isEmpty()
                        ? counting(INCREMENT, "VALUES(" + c + ")", c) : "VALUES(" + c + ")"));
            }
        }
        return String.join(", ", assignments);
    }

    /** H2's MERGE ... KEY rewrites every matched row; MERGE ... USING can leave unchanged rows alone. */
    private static String h2MergeUsing(String table, List<String> columns, List<String> keys,
                                       List<String> updateColumns, String values) {
        String cols = String.join(", ", columns);
        String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
        String insertValues = columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "));
        String sql = "MERGE INTO " + table + " t USING (VALUES " + values + ") s (" + cols + ") ON " + on;
        if (!updateColumns.isEmpty()) {
            sql += " WHEN MATCHED AND NOT (" + updateColumns.stream().map(c -> "t." + c + " IS NOT DISTINCT FROM s." + c)
                    .collect(Collectors.joining(" AND ")) + ") THEN UPDATE SET "
                    + updateColumns.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", "));
        }
        return sql + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + insertValues + ")";
    }

    /**
     * {@code (?,?,?),(?,?,?)}: without spaces, since the driver copies every character of a 1,000-row statement and
     * the server parses it: the spaces of {@code (?, ?, ?), (?, ?, ?)} cost 5% of an upsert's rows per second
     * (MariaDB 10.11, 7 columns).
     *
     * @param resetAt the column whose first-row placeholder resets the count to 0, or -1
     */
    private static String valuesClause(int columns, int rows, int resetAt) {
        if (rows == 0) {
            return "";
        }
        String row = rowPlaceholders(columns, -1);
        StringBuilder all = new StringBuilder(rows * (row.length() + 1) + 40);
        all.append(resetAt < 0 ? row : rowPlaceholders(columns, resetAt));
        for (int r = 1; r < rows; r++) {
            all.append(',').append(row);
        }
        return all.toString();
    }

    /** {@code (?,?,?)}, the placeholder at {@code resetAt} (if not -1) also resetting the count to 0. */
    private static String rowPlaceholders(int columns, int resetAt) {
        StringBuilder row = new StringBuilder(columns * 2 + 40).append('(');
        for (int c = 0; c < columns; c++) {
            row.append(c == 0 ? "" : ",").append(c == resetAt ? counting("0", "?", "NULL") : "?");
        }
        return row.append(')').toString();
    }
}
