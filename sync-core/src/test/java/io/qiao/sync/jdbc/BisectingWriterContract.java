package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.execute;
import static io.qiao.sync.jdbc.TestDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.sync.record.Rejection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BisectingWriter} alone, on a real database: plain multi-row INSERTs stand in for the upserts, so that
 * what is tested is the transaction and the isolation of bad rows, nothing of the sink.
 */
abstract class BisectingWriterContract {
    protected abstract TestDatabase database();

    private DataSource ds;
    private String table;

    @BeforeEach
    void createTable() {
        ds = database().dataSource();
        table = TestDatabase.uniqueName("qj_bw");
        execute(ds, "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, code VARCHAR(5) NOT NULL)");
    }

    @AfterEach
    void dropTable() {
        execute(ds, "DROP TABLE " + table);
    }

    /** Rows 0..count-1 with a good code, except {@code bad} ones: a null code or one too long for VARCHAR(5). */
    private static List<UpsertRows.Row<Long>> rows(int count, Set<Long> bad) {
        return LongStream.range(0, count).mapToObj(id -> new UpsertRows.Row<>(id, new Object[] {id,
                !bad.contains(id) ? "c" + id : id % 2 == 0 ? null : "too-long-" + id})).toList();
    }

    private List<Long> stored() {
        return query(ds, "SELECT id FROM " + table + " ORDER BY id").stream()
                .map(r -> ((Number) r.get(0)).longValue()).toList();
    }

    private static List<Long> allBut(int count, Set<Long> bad) {
        return LongStream.range(0, count).filter(id -> !bad.contains(id)).boxed().toList();
    }

    private static List<Long> ids(List<Rejection<Long>> rejected) {
        return rejected.stream().map(Rejection::record).toList();
    }

    @Test
    void write_withBadRowsAmongGood_rejectsExactlyTheBadRows_andCommitsEveryGoodRow() throws SQLException {
        Set<Long> bad = Set.of(0L, 17L, 18L, 39L);
        Inserts inserts = new Inserts(16);
        WriteTally tally = new WriteTally();
        List<Rejection<Long>> rejected;

        try (Connection c = ds.getConnection()) {
            rejected = new BisectingWriter<Long>(table).write(c, inserts, rows(40, bad), null, tally);
        }

        assertThat(ids(rejected)).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.stage()).isEqualTo(Rejection.Stage.WRITE);
            assertThat(r.reasons().get(0)).startsWith("database refused the row for " + table + ": ")
                    .contains("SQLState 2");
        });
        assertThat(stored()).isEqualTo(allBut(40, bad));
        assertThat(tally.rows).isEqualTo(36);
    }

    @Test
    void write_oneBadRowAmong64_isFoundByHalving_notByTryingEveryRow() throws SQLException {
        Inserts inserts = new Inserts(64);
        List<Rejection<Long>> rejected;

        try (Connection c = ds.getConnection()) {
            rejected = new BisectingWriter<Long>(table).write(c, inserts, rows(64, Set.of(41L)), null,
                    new WriteTally());
        }

        assertThat(ids(rejected)).containsExactly(41L);
        assertThat(stored()).isEqualTo(allBut(64, Set.of(41L)));
        // the failed statement, its 64 rows again, then two halves on each of the 6 levels down to one row
        assertThat(inserts.attempts).isEqualTo(1 + 1 + 2 * 6);
    }

    @Test
    void write_whenEveryRowIsBad_rejectsEachOne_andCountsNothingWritten() throws SQLException {
        Set<Long> all = Set.of(0L, 1L, 2L, 3L, 4L);
        WriteTally tally = new WriteTally();
        List<Rejection<Long>> rejected;

        try (Connection c = ds.getConnection()) {
            rejected = new BisectingWriter<Long>(table).write(c, new Inserts(2), rows(5, all), null, tally);
        }

        assertThat(ids(rejected)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(stored()).isEmpty();
        assertThat(tally.rows).isZero();
    }

    @Test
    void write_whenAFailureBlamesNoRow_rollsBackTheStatementsBeforeIt_andThrows() throws SQLException {
        Inserts inserts = new Inserts(10);
        inserts.missingTableAtAttempt = 3;  // two statements of rows ran in the transaction
        WriteTally tally = new WriteTally();

        try (Connection c = ds.getConnection()) {
            assertThatThrownBy(() -> new BisectingWriter<Long>(table).write(c, inserts, rows(50, Set.of()), null, tally))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(JdbcSupport.isRowError((SQLException) e)).isFalse());
        }

        assertThat(stored()).isEmpty();
        assertThat(tally.rows).isZero();
    }

    @Test
    void write_runsThenInTheRowsTransaction_afterTellingItTheRefusedRows() throws SQLException {
        List<Long> told = new ArrayList<>();

        try (Connection c = ds.getConnection()) {
            new BisectingWriter<Long>(table).write(c, new Inserts(8), rows(20, Set.of(5L)), (conn, refused) -> {
                told.addAll(ids(refused));
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " VALUES (1000, 'then')")) {
                    ps.executeUpdate();
                }
            }, new WriteTally());
        }

        assertThat(told).containsExactly(5L);
        List<Long> expected = new ArrayList<>(allBut(20, Set.of(5L)));
        expected.add(1000L);
        assertThat(stored()).isEqualTo(expected);
    }

    @Test
    void write_whenThenFails_neitherTheRowsNorThenAreStored() throws SQLException {
        WriteTally tally = new WriteTally();

        try (Connection c = ds.getConnection()) {
            assertThatThrownBy(() -> new BisectingWriter<Long>(table).write(c, new Inserts(8), rows(20, Set.of(5L)),
                    (conn, refused) -> {
                        try (PreparedStatement ps = conn.prepareStatement(
                                "INSERT INTO " + table + " VALUES (1000, 'then')")) {
                            ps.executeUpdate();
                        }
                        throw new IllegalStateException("checkpoint conflict");
                    }, tally)).hasMessage("checkpoint conflict");
        }

        assertThat(stored()).isEmpty();
        assertThat(tally.rows).isZero();
    }

    @Test
    void write_leavesAutocommitOff_untilRestoreAutoCommitHandsTheConnectionBackAsItCame() throws SQLException {
        try (Connection c = ds.getConnection()) {
            new BisectingWriter<Long>(table).write(c, new Inserts(4), rows(10, Set.of()), null, new WriteTally());
            assertThat(c.getAutoCommit()).isFalse();

            BisectingWriter.restoreAutoCommit(c, true);

            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(stored()).hasSize(10);
    }

    /** Plain multi-row INSERTs of {@code perStatement} rows; counts every statement it tries. */
    private final class Inserts implements BisectingWriter.Statements<Long> {
        private final int perStatement;
        int attempts;
        int missingTableAtAttempt = -1;

        Inserts(int perStatement) {
            this.perStatement = perStatement;
        }

        @Override
        public List<List<UpsertRows.Row<Long>>> chunks(List<UpsertRows.Row<Long>> rows) {
            List<List<UpsertRows.Row<Long>>> chunks = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += perStatement) {
                chunks.add(rows.subList(from, Math.min(rows.size(), from + perStatement)));
            }
            return chunks;
        }

        @Override
        public WriteTally runAll(Connection c, List<List<UpsertRows.Row<Long>>> chunks) throws SQLException {
            WriteTally tally = new WriteTally();
            for (List<UpsertRows.Row<Long>> chunk : chunks) {
                tally.add(runOnce(c, chunk));
            }
            return tally;
        }

        @Override
        public WriteTally runOnce(Connection c, List<UpsertRows.Row<Long>> rows) throws SQLException {
            attempts++;
            String into = attempts == missingTableAtAttempt ? table + "_missing" : table;
            String sql = "INSERT INTO " + into + " (id, code) VALUES "
                    + String.join(", ", Collections.nCopies(rows.size(), "(?, ?)"));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                for (UpsertRows.Row<Long> row : rows) {
                    ps.setLong(p++, (Long) row.values()[0]);
                    if (row.values()[1] == null) {
                        ps.setNull(p++, Types.VARCHAR);
                    } else {
                        ps.setString(p++, (String) row.values()[1]);
                    }
                }
                ps.executeUpdate();
            }
            return WriteTally.of(rows.size(), rows.size(), 0, 0);
        }
    }
}
