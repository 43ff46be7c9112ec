package io.qiao.sync.jdbc;

import io.qiao.sync.record.Rejection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows in one transaction so that bad rows do not sink good ones. The fast path sends every statement
 * with no savepoint. Only when a statement fails because of a row's data ({@link JdbcSupport#isRowError}: a
 * constraint, a value too long or of the wrong type) does it roll back and replay the rows, each statement
 * under a savepoint, halving a failing statement until every bad row stands alone: that row comes back as a
 * {@link Rejection} with the database's message, and the good rows commit. Any other failure (connection,
 * deadlock, missing table) blames no row: it rolls everything back and is thrown.
 *
 * <p>It knows nothing of upserts: {@link Statements} turns rows into statements and runs them. Stateless apart
 * from the table name in messages; thread-safe.
 *
 * @param <T> the record type
 */
final class BisectingWriter<T> {
    private final String table;

    /** @param table the table's name as rejection messages show it */
    BisectingWriter(String table) {
        this.table = table;
    }

    /** How rows become statements, and how they run; {@link UpsertRunner#statements} for the sink. */
    interface Statements<T> {
        /** {@code rows} cut into one list per statement. */
        List<List<UpsertRows.Row<T>>> chunks(List<UpsertRows.Row<T>> rows);

        /** Runs every chunk, one statement each. */
        WriteTally runAll(Connection c, List<List<UpsertRows.Row<T>>> chunks) throws SQLException;

        /** Runs {@code rows} as one statement. */
        WriteTally runOnce(Connection c, List<UpsertRows.Row<T>> rows) throws SQLException;
    }

    /**
     * Something to do in the rows' transaction after them, such as the checkpoint's compare-and-set; it is told
     * which rows the database refused. Whatever it throws rolls everything back.
     */
    @FunctionalInterface
    interface InTransaction<T> {
        void run(Connection c, List<Rejection<T>> refusedRows) throws SQLException;
    }

    /**
     * Writes {@code rows} and runs {@code then} in one transaction and commits; adds to {@code tally} only what
     * committed. Returns the rows the database refused.
     *
     * <p>Rows that fit in one statement, with nothing to commit alongside, run as that one statement in
     * autocommit mode when the connection is in it: a statement is atomic on its own, and this saves the round
     * trips of switching autocommit and committing, which a loaded server makes expensive. The connection may be
     * left with autocommit off: {@link #restoreAutoCommit} before handing it back.
     *
     * @param st   may be null when {@code rows} is empty
     * @param then may be null
     * @throws SQLException when a failure blames no row; the transaction is rolled back
     */
    List<Rejection<T>> write(Connection c, Statements<T> st, List<UpsertRows.Row<T>> rows, InTransaction<T> then,
                             WriteTally tally) throws SQLException {
        List<List<UpsertRows.Row<T>>> chunks = rows.isEmpty() ? List.of() : st.chunks(rows);
        if (then == null && chunks.size() == 1 && c.getAutoCommit()) {
            try {
                tally.add(st.runAll(c, chunks));
                return List.of();
            } catch (SQLException e) {
                if (!JdbcSupport.isRowError(e)) {
                    throw e;
                }
                // the failed statement changed nothing; find the bad rows in a transaction
                c.setAutoCommit(false);
                return isolateAndCommit(c, st, chunks, null, tally);
            }
        }
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
        }
        try {
            WriteTally done;
            try {
                done = chunks.isEmpty() ? new WriteTally() : st.runAll(c, chunks);
            } catch (SQLException e) {
                if (!JdbcSupport.isRowError(e)) {
                    throw e;
                }
                c.rollback();
                return isolateAndCommit(c, st, chunks, then, tally);
            }
            if (then != null) {
                then.run(c, List.of());
            }
            c.commit();
            tally.add(done);  // only what committed counts
            return List.of();
        } catch (SQLException | RuntimeException e) {
            JdbcSupport.rollbackQuietly(c, e);
            throw e;
        }
    }

    /**
     * Hands the connection back (to a pool, typically) in the autocommit mode it came in. A failure here means
     * the connection is broken; the pool discards it, and the write's own outcome is what the caller needs.
     */
    static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (!c.isClosed() && c.getAutoCommit() != autoCommit) {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // see above
        }
    }

    /** The slow path, in a fresh transaction: every statement under a savepoint, bad rows bisected out. */
    private List<Rejection<T>> isolateAndCommit(Connection c, Statements<T> st, List<List<UpsertRows.Row<T>>> chunks,
                                                InTransaction<T> then, WriteTally tally) throws SQLException {
        List<Rejection<T>> rejected = new ArrayList<>();
        WriteTally done = new WriteTally();
        try {
            for (List<UpsertRows.Row<T>> chunk : chunks) {
                isolate(c, st, chunk, rejected, done);
            }
            if (then != null) {
                then.run(c, rejected);
            }
            c.commit();
            tally.add(done);
            return rejected;
        } catch (SQLException | RuntimeException e) {
            JdbcSupport.rollbackQuietly(c, e);
            throw e;
        }
    }

    /** Writes {@code rows} under a savepoint; on a row error, rolls back to it and tries each half alone. */
    private void isolate(Connection c, Statements<T> st, List<UpsertRows.Row<T>> rows, List<Rejection<T>> rejected,
                         WriteTally done) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            WriteTally statement = st.runOnce(c, rows);
            c.releaseSavepoint(sp);
            done.add(statement);
        } catch (SQLException e) {
            if (!JdbcSupport.isRowError(e)) {
                throw e;
            }
            c.rollback(sp);
            if (rows.size() == 1) {
                rejected.add(Rejection.of(rows.get(0).record(), Rejection.Stage.WRITE,
                        "database refused the row for " + table + ": " + JdbcSupport.describe(e)));
                return;
            }
            int half = rows.size() / 2;
            isolate(c, st, rows.subList(0, half), rejected, done);
            isolate(c, st, rows.subList(half, rows.size()), rejected, done);
        }
    }
}
