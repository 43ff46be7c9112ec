package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link JdbcUpsertSink}'s statements: how rows are cut into multi-row statements and the SQL text of
 * each, in the dialect of the sink's database ({@link Dialect#upsert} writes the text itself). The text of a
 * 1,000-row statement is long, so the last column list's {@link Plan} is kept between batches; a batch with
 * other columns (rows from another mapper) gets a new one.
 *
 * <p>The dialect and the identifier case are learnt from the first connection and kept. Thread-safe: the cached
 * values are immutable and a race only builds one of them twice.
 */
final class UpsertStatements {
    /** PostgreSQL's protocol caps a statement at 32767 parameters; MySQL at 65535. */
    static final int MAX_PARAMETERS = 32_767;
    /** The sink's logger: its advice stays under the name users know and configure. */
    private static final Logger LOG = LoggerFactory.getLogger(JdbcUpsertSink.class);

    private final String table;
    private final List<String> keys;
    private final Set<String> insertOnly;
    private final int rowsPerStatement;
    private final long maxStatementBytes;
    private final Dialect dialectOverride;
    private volatile SqlNames names;
    /** Whether the database is MariaDB (whose upserts count their duplicates themselves); learnt with the names. */
    private volatile boolean mariaDb;
    private volatile Plan last;
    private volatile boolean adviceGiven;

    /**
     * @param table           the unquoted (checked) table name
     * @param keys            the unquoted key columns
     * @param insertOnly      columns written on insert and never updated
     * @param dialectOverride the dialect to use instead of the detected one, or null
     */
    UpsertStatements(String table, List<String> keys, Set<String> insertOnly, int rowsPerStatement,
                     long maxStatementBytes, Dialect dialectOverride) {
        this.table = table;
        this.keys = List.copyOf(keys);
        this.insertOnly = Set.copyOf(insertOnly);
        this.rowsPerStatement = rowsPerStatement;
        this.maxStatementBytes = maxStatementBytes;
        this.dialectOverride = dialectOverride;
    }

    /**
     * The statements for rows of {@code columns} on {@code c}'s database: the cached plan when the columns are
     * those of the last batch. The first plan also checks the driver's settings and logs advice once.
     */
    Plan forColumns(Connection c, List<String> columns) throws SQLException {
        Plan cached = last;
        if (cached != null && cached.columns.equals(columns)) {
            return cached;
        }
        SqlNames n = names;
        if (n == null) {
            mariaDb = isMariaDb(c);
            n = SqlNames.of(c, dialectOverride);
            names = n;
        }
        Plan plan = plan(n, columns, mariaDb && n.dialect() == Dialect.MYSQL);
        last = plan;
        if (!adviceGiven) {
            adviceGiven = true;
            String advice = DriverSettings.advice(c, plan.sql(plan.rowsPerStatement()).length());
            if (advice != null) {
                LOG.warn("JdbcUpsertSink into {}: {}", table, advice);
            }
        }
        return plan;
    }

    /**
     * MariaDB, whichever driver: MySQL Connector/J calls every server "MySQL" but passes on the server's version,
     * such as 10.11.19-MariaDB.
     */
    private static boolean isMariaDb(Connection c) throws SQLException {
        java.sql.DatabaseMetaData md = c.getMetaData();
        String product = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
        return product.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    }

    /** The statements for rows of {@code columns} named as {@code names} says; no connection needed. */
    Plan plan(SqlNames names, List<String> columns) {
        return plan(names, columns, false);
    }

    /** @param countDuplicates MariaDB: the statements count the rows whose key existed ({@link Dialect#DUPLICATES}) */
    Plan plan(SqlNames names, List<String> columns, boolean countDuplicates) {
        List<String> quoted = columns.stream().map(names::quote).toList();
        List<String> quotedKeys = keys.stream().map(names::quote).toList();
        List<String> update = columns.stream().filter(col -> !keys.contains(col) && !insertOnly.contains(col))
                .map(names::quote).toList();
        int perStatement = Math.max(1, Math.min(rowsPerStatement, MAX_PARAMETERS / columns.size()));
        return new Plan(List.copyOf(columns), names.dialect(), names.quote(table), quoted, quotedKeys, update,
                UpsertRows.keyIndexes(keys, columns), perStatement, maxStatementBytes, countDuplicates);
    }

    /**
     * A rough upper bound of a row's size on the wire, to keep statements under max_allowed_packet.
     *
     * <p>Classes are tested before the interface: {@code instanceof CharSequence} on a number or a date scans
     * that class's interfaces every time and writes the class's one-entry type cache, which the JDBC driver and
     * the reading threads keep rewriting for their own interface tests (JDK-8180450, Java 17). On the write path
     * that cost more than the rest of this method: a sixth of the writer thread's time end to end.
     */
    static long estimate(Object[] values) {
        long bytes = 0;
        for (Object v : values) {
            if (v instanceof String s) {
                bytes += 3L * s.length() + 4;
            } else if (v == null || v instanceof Number || v instanceof Boolean || v instanceof LocalDateTime) {
                bytes += 24;
            } else if (v instanceof byte[] b) {
                bytes += 2L * b.length + 4;
            } else if (v instanceof CharSequence s) {
                bytes += 3L * s.length() + 4;
            } else {
                bytes += 24;
            }
        }
        return bytes;
    }

    /** The statements for one list of columns: how rows are cut into statements, and each statement's text. */
    static final class Plan {
        private final List<String> columns;
        private final Dialect dialect;
        private final String quotedTable;
        private final List<String> quotedColumns;
        private final List<String> quotedKeys;
        private final List<String> update;
        private final int[] keyIndexes;
        private final int perStatement;
        private final long maxStatementBytes;
        private final boolean countsDuplicates;
        private volatile String fullSql;

        private Plan(List<String> columns, Dialect dialect, String quotedTable, List<String> quotedColumns,
                     List<String> quotedKeys, List<String> update, int[] keyIndexes, int perStatement,
                     long maxStatementBytes, boolean countsDuplicates) {
            this.countsDuplicates = countsDuplicates;
            this.columns = columns;
            this.dialect = dialect;
            this.quotedTable = quotedTable;
            this.quotedColumns = quotedColumns;
            this.quotedKeys = quotedKeys;
            this.update = update;
            this.keyIndexes = keyIndexes;
            this.perStatement = perStatement;
            this.maxStatementBytes = maxStatementBytes;
        }

        Dialect dialect() {
            return dialect;
        }

        /** Whether each statement counts, in {@link Dialect#DUPLICATES}, the rows whose key existed (MariaDB). */
        boolean countsDuplicates() {
            return countsDuplicates;
        }

        /** The rows of a full statement: the sink's setting, capped so no statement passes MAX_PARAMETERS. */
        int rowsPerStatement() {
            return perStatement;
        }

        String quotedTable() {
            return quotedTable;
        }

        List<String> quotedKeys() {
            return quotedKeys;
        }

        /** Where each key column is in a row's values, in key order. */
        int[] keyIndexes() {
            return keyIndexes.clone();
        }

        /** The rows cut into statements: at most {@link #rowsPerStatement} rows and about maxStatementBytes each. */
        <T> List<List<UpsertRows.Row<T>>> chunks(List<UpsertRows.Row<T>> rows) {
            List<List<UpsertRows.Row<T>>> chunks = new ArrayList<>();
            int start = 0;
            long bytes = 0;
            for (int i = 0; i < rows.size(); i++) {
                long rowBytes = estimate(rows.get(i).values());
                if (i > start && (i - start == perStatement || bytes + rowBytes > maxStatementBytes)) {
                    chunks.add(rows.subList(start, i));
                    start = i;
                    bytes = 0;
                }
                bytes += rowBytes;
            }
            chunks.add(rows.subList(start, rows.size()));
            return chunks;
        }

        /** The upsert of {@code rows} rows; only the full-size text is kept, other sizes occur once a batch at most. */
        String sql(int rows) {
            if (rows != perStatement) {
                return dialect.upsert(quotedTable, quotedColumns, quotedKeys, update, rows, countsDuplicates);
            }
            String sql = fullSql;
            if (sql == null) {
                sql = dialect.upsert(quotedTable, quotedColumns, quotedKeys, update, rows, countsDuplicates);
                fullSql = sql;
            }
            return sql;
        }
    }
}
