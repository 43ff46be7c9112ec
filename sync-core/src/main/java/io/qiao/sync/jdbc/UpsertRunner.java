package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link JdbcUpsertSink}'s statements on a connection and tells what each did to its rows, from the
 * database's own answer, never guessed:
 * <ul>
 *   <li>PostgreSQL: the statement returns, per row it inserted or updated, whether it inserted it; rows it did
 *       not return were already present.</li>
 *   <li>MariaDB: the statement itself counts the rows whose key existed and sends the count back in its answer, as
 *       its insert id (see {@link Dialect#upsert(String, List, List, List, int, boolean)}); the update count splits
 *       them as below. When the update count alone says it (2 per row: every row existed and changed), the insert id
 *       is not read; when the insert id is not the count (an AUTO_INCREMENT value the statement generated took its
 *       place), the count is read from the session variable that also holds it, one round trip more.</li>
 *   <li>MySQL and H2: {@link ExistingKeyCount} says how many keys existed before the statement; its
 *       update count then splits those into updated and already present (H2 counts inserted and changed rows;
 *       MySQL 1 per inserted row, 2 per changed row, and 1 or 0 per unchanged row depending on the driver's
 *       {@code useAffectedRows}, learnt once). Counts that do not add up leave the rows unclassified.</li>
 * </ul>
 * One runner per sink: it keeps what it learnt about the MySQL driver. Thread-safe.
 */
final class UpsertRunner {
    private final ValueBinder binder;
    private volatile Boolean mysqlFoundRows;
    /**
     * False once a MariaDB statement's insert id was not its count: the table generates AUTO_INCREMENT values, which
     * take the insert id's place whenever rows are created, so the count is read from the session variable from then
     * on without building the generated keys first (Connector/J builds one row per affected row).
     */
    private volatile boolean insertIdIsCount = true;

    UpsertRunner(ValueBinder binder) {
        this.binder = binder;
    }

    /** {@code plan}'s statements as the {@link BisectingWriter} runs them. */
    <T> BisectingWriter.Statements<T> statements(UpsertStatements.Plan plan) {
        return new BisectingWriter.Statements<>() {
            @Override
            public List<List<UpsertRows.Row<T>>> chunks(List<UpsertRows.Row<T>> rows) {
                return plan.chunks(rows);
            }

            @Override
            public WriteTally runAll(Connection c, List<List<UpsertRows.Row<T>>> chunks) throws SQLException {
                return UpsertRunner.this.runAll(c, plan, chunks);
            }

            @Override
            public WriteTally runOnce(Connection c, List<UpsertRows.Row<T>> rows) throws SQLException {
                return UpsertRunner.this.runOnce(c, plan, rows);
            }
        };
    }

    /** Runs every chunk as one statement, reusing the prepared statement of each chunk size (mostly the full one). */
    <T> WriteTally runAll(Connection c, UpsertStatements.Plan plan, List<List<UpsertRows.Row<T>>> chunks)
            throws SQLException {
        Map<Integer, PreparedStatement> open = new HashMap<>();
        WriteTally tally = new WriteTally();
        try {
            for (List<UpsertRows.Row<T>> chunk : chunks) {
                PreparedStatement ps = open.get(chunk.size());
                if (ps == null) {
                    ps = prepare(c, plan, chunk.size());
                    open.put(chunk.size(), ps);
                }
                tally.add(bindAndRun(c, plan, ps, chunk));
            }
        } finally {
            for (PreparedStatement ps : open.values()) {
                ps.close();
            }
        }
        return tally;
    }

    /** Runs {@code rows} as one statement. */
    <T> WriteTally runOnce(Connection c, UpsertStatements.Plan plan, List<UpsertRows.Row<T>> rows)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, plan, rows.size())) {
            return bindAndRun(c, plan, ps, rows);
        }
    }

    /** The upsert of {@code rows} rows, asking for the insert id when the statement returns its count in it. */
    private static PreparedStatement prepare(Connection c, UpsertStatements.Plan plan, int rows) throws SQLException {
        return plan.countsDuplicates() ? c.prepareStatement(plan.sql(rows), Statement.RETURN_GENERATED_KEYS)
                : c.prepareStatement(plan.sql(rows));
    }

    private <T> WriteTally bindAndRun(Connection c, UpsertStatements.Plan plan, PreparedStatement ps,
                                      List<UpsertRows.Row<T>> rows) throws SQLException {
        Dialect dialect = plan.dialect();
        int existing;
        if (plan.countsDuplicates()) {
            existing = -1;                              // the statement counts them (from 0); read after it
        } else {
            existing = ExistingKeyCount.needed(dialect) ? ExistingKeyCount.count(c, plan, rows, binder) : 0;
        }
        int p = 1;
        for (UpsertRows.Row<T> row : rows) {
            p = binder.bindAll(ps, p, row.values(), dialect);
        }
        if (dialect == Dialect.POSTGRESQL) {
            int returned = 0;
            int inserted = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    returned++;
                    if (rs.getBoolean(1)) {
                        inserted++;
                    }
                }
            }
            return WriteTally.of(rows.size(), inserted, returned - inserted, rows.size() - returned);
        }
        int count = ps.executeUpdate();
        if (existing < 0 && count == 2 * rows.size()) {
            // 2 per row is only reached when every row's key existed and every row changed, whether the driver
            // counts unchanged rows or not: no need to read the count (a round trip, 6% of a batch of updates)
            return WriteTally.of(rows.size(), 0, rows.size(), 0);
        }
        if (existing < 0 && insertIdIsCount) {
            existing = countInAnswer(ps, rows.size());
            if (existing < 0) {
                insertIdIsCount = false;
            }
        }
        if (existing < 0) {
            existing = duplicates(c);
            if (existing < 0 || existing > rows.size()) {
                return WriteTally.unknown(rows.size());
            }
        }
        int created = rows.size() - existing;
        int updated;
        if (existing == 0) {
            updated = 0;                                // every row was inserted, whatever the counting mode
        } else if (dialect == Dialect.H2) {
            updated = count - created;                  // H2 counts inserted and changed rows
        } else {
            Boolean foundRows = foundRows(c, plan, rows.get(0));
            if (foundRows == null) {
                return WriteTally.unknown(rows.size());
            }
            if (foundRows) {
                updated = count - rows.size();          // 1 per inserted or unchanged row, 2 per changed row
            } else {
                int twice = count - created;            // 1 per inserted row, 2 per changed row
                updated = twice % 2 == 0 ? twice / 2 : -1;
            }
        }
        if (updated < 0 || updated > existing) {
            return WriteTally.unknown(rows.size());    // the counts do not add up: say so, do not guess
        }
        return WriteTally.of(rows.size(), created, updated, existing - updated);
    }

    /**
     * The count of existing keys the MariaDB statement just run sent back as its insert id, or -1 when its insert id
     * is something else: an AUTO_INCREMENT value it generated, which the server reports instead (and which is never
     * in the narrow range above {@link Dialect#COUNT_BASE}). No insert id at all means a count of 0 cannot have
     * been set, so it is -1 too.
     */
    private static int countInAnswer(PreparedStatement ps, int rows) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (keys == null || !keys.next()) {
                return -1;
            }
            long id = keys.getLong(1) - Dialect.COUNT_BASE;
            return id >= 0 && id <= rows ? (int) id : -1;
        }
    }

    /** What the MariaDB statement just run counted in {@link Dialect#DUPLICATES}; -1 if it is not a number. */
    private static int duplicates(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + Dialect.DUPLICATES)) {
            if (!rs.next()) {
                return -1;
            }
            long n = rs.getLong(1);
            return rs.wasNull() || n > Integer.MAX_VALUE ? -1 : (int) n;
        }
    }

    /**
     * Whether this MySQL connection counts an unchanged row as 1 (the drivers' default, {@code
     * useAffectedRows=false}) or as 0. Learnt once per sink by writing {@code written}, which the statement
     * just wrote, again: it is unchanged now. Null when the answer is neither (a trigger changed the row again):
     * then this statement's rows stay unclassified and the next statement asks again.
     *
     * <p>The second write is rolled back (to a savepoint, or in a transaction of its own when the statement ran in
     * autocommit): it fires the table's triggers like any write, and a trigger that logs or forwards writes must
     * not see a record written twice (KafkaConnectWorkerKillIT saw one row per Connect task written twice).
     */
    private <T> Boolean foundRows(Connection c, UpsertStatements.Plan plan, UpsertRows.Row<T> written)
            throws SQLException {
        Boolean known = mysqlFoundRows;
        if (known == null) {
            int count;
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            Savepoint before = autoCommit ? null : c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement(plan.sql(1))) {
                binder.bindAll(ps, 1, written.values(), plan.dialect());
                count = ps.executeUpdate();
            } finally {
                if (before == null) {
                    c.rollback();
                    c.setAutoCommit(true);
                } else {
                    c.rollback(before);
                    c.releaseSavepoint(before);
                }
            }
            known = count == 1 ? Boolean.TRUE : count == 0 ? Boolean.FALSE : null;
            mysqlFoundRows = known;
        }
        return known;
    }
}
