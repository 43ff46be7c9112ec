package io.qiao.sync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * How many of a statement's keys the table already has, asked in the statement's transaction just before it
 * runs: on MySQL/MariaDB and H2 the upsert's update count alone cannot tell created rows from updated ones, so
 * this count is what makes {@link JdbcUpsertSink}'s created/updated/already-present figures exact there.
 * PostgreSQL's statement says per row whether it inserted it and needs no count; on MariaDB the statement counts
 * its duplicates itself ({@link Dialect#upsert(String, java.util.List, java.util.List, java.util.List, int, boolean)}).
 *
 * <p><b>Its cost.</b> One extra query per statement, about 5% of the sink's time under load. This class is the
 * one place that pays it, so that a later pass can make it optional or replace it (for example by
 * {@code INSERT ... RETURNING} on MariaDB 10.5+) without touching the rest of the sink.
 */
final class ExistingKeyCount {
    private ExistingKeyCount() {
    }

    /** Whether statements in {@code dialect} need the count to classify their rows. */
    static boolean needed(Dialect dialect) {
        return dialect != Dialect.POSTGRESQL;
    }

    /** {@code SELECT COUNT(*) FROM t WHERE (k1, k2) IN ((?, ?), ...)} for {@code rows} rows. */
    static String sql(UpsertStatements.Plan plan, int rows) {
        List<String> keys = plan.quotedKeys();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM ").append(plan.quotedTable()).append(" WHERE ");
        String one = keys.size() == 1 ? "?" : "(" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
        sql.append(keys.size() == 1 ? keys.get(0) : "(" + String.join(", ", keys) + ")").append(" IN (");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(one);
        }
        return sql.append(')').toString();
    }

    /** How many of {@code rows}' keys the table has now, as {@code c}'s transaction sees it. */
    static <T> int count(Connection c, UpsertStatements.Plan plan, List<UpsertRows.Row<T>> rows, ValueBinder binder)
            throws SQLException {
        int[] keyIndexes = plan.keyIndexes();
        try (PreparedStatement ps = c.prepareStatement(sql(plan, rows.size()))) {
            int p = 1;
            for (UpsertRows.Row<T> row : rows) {
                for (int k : keyIndexes) {
                    binder.bind(ps, p++, row.values()[k]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
