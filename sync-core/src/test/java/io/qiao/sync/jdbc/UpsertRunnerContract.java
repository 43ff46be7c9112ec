package io.qiao.sync.jdbc;

import static io.qiao.sync.jdbc.TestDatabase.execute;
import static io.qiao.sync.jdbc.TestDatabase.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link UpsertRunner} with {@link UpsertStatements}' real statements, on a real database, without the sink. */
abstract class UpsertRunnerContract {
    protected abstract TestDatabase database();

    private DataSource raw;
    private SpyDataSource ds;
    private String table;
    private UpsertStatements statements;
    private final UpsertRunner runner = new UpsertRunner(new ValueBinder(ZoneOffset.UTC));

    @BeforeEach
    void createTable() {
        raw = database().dataSource();
        ds = new SpyDataSource(raw, database());
        table = TestDatabase.uniqueName("qj_ur");
        execute(raw, "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(20))");
        statements = new UpsertStatements(table, List.of("id"), Set.of(), 3, 1 << 20, null);
    }

    @AfterEach
    void dropTable() {
        execute(raw, "DROP TABLE " + table);
    }

    private static UpsertRows.Row<Long> row(long id, String name) {
        return new UpsertRows.Row<>(id, new Object[] {id, name});
    }

    private WriteTally runOnce(List<UpsertRows.Row<Long>> rows) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return runner.runOnce(c, statements.forColumns(c, List.of("id", "name")), rows);
        }
    }

    @Test
    void runOnce_tellsCreatedUpdatedAndAlreadyPresentRows_fromTheDatabasesAnswer() throws SQLException {
        WriteTally first = runOnce(List.of(row(0, "a"), row(1, "b"), row(2, "c")));
        WriteTally second = runOnce(List.of(row(0, "a"), row(1, "changed"), row(9, "new")));

        assertThat(List.of(first.rows, first.created, first.updated, first.unchanged)).containsExactly(3, 3, 0, 0);
        assertThat(List.of(second.rows, second.created, second.updated, second.unchanged)).containsExactly(3, 1, 1, 1);
        assertThat(query(raw, "SELECT name FROM " + table + " ORDER BY id")).extracting(r -> r.get(0))
                .containsExactly("a", "changed", "c", "new");
    }

    @Test
    void runAll_countsExistingKeysWithOneQueryPerStatement_onH2_whileOnPostgresAndMariaDbTheStatementSaysItself()
            throws SQLException {
        List<UpsertRows.Row<Long>> rows = LongStream.range(0, 7).mapToObj(id -> row(id, "n" + id)).toList();
        ds.prepared.clear();

        WriteTally tally;
        try (Connection c = ds.getConnection()) {
            UpsertStatements.Plan plan = statements.forColumns(c, List.of("id", "name"));
            tally = runner.runAll(c, plan, plan.chunks(rows));
        }

        long counts = ds.prepared.stream().filter(sql -> sql.startsWith("SELECT COUNT(*)")).count();
        boolean mariaDb = database() == TestDatabase.MARIADB || database() == TestDatabase.MYSQL_CONNECTOR_J;
        assertThat(counts).isEqualTo(database() == TestDatabase.H2 ? 3 : 0);  // 7 rows, 3 per statement
        assertThat(ds.prepared.stream().filter(sql -> sql.contains("@qiao_dups := CAST(@qiao_dups AS SIGNED) + 1")).count())
                .as("upserts that count their duplicates (MariaDB)").isEqualTo(mariaDb ? 2 : 0); // sizes 3 and 1
        assertThat(List.of(tally.rows, tally.created)).containsExactly(7, 7);
    }

    @Test
    void learningHowTheDriverCountsUnchangedRows_leavesNoSecondWrite_forATriggerToSee() throws SQLException {
        assumeTrue(database() == TestDatabase.MARIADB, "only MySQL's drivers need the counting learnt");
        String log = table + "_log";
        execute(raw, "CREATE TABLE " + log + " (seq BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20))",
                "CREATE TRIGGER " + log + "_t BEFORE INSERT ON " + table + " FOR EACH ROW INSERT INTO " + log
                        + " (name) VALUES (NEW.name)");
        try {
            runOnce(List.of(row(0, "a"), row(1, "b")));
            WriteTally autoCommitted = runOnce(List.of(row(0, "a2"), row(2, "c")));  // learns, in autocommit
            WriteTally inTransaction;
            UpsertRunner fresh = new UpsertRunner(new ValueBinder(ZoneOffset.UTC));
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                inTransaction = fresh.runOnce(c, statements.forColumns(c, List.of("id", "name")),
                        List.of(row(1, "b2"), row(3, "d")));                          // learns, in a transaction
                c.commit();
            }

            assertThat(query(raw, "SELECT name FROM " + log + " ORDER BY seq")).extracting(r -> r.get(0))
                    .containsExactly("a", "b", "a2", "c", "b2", "d");
            assertThat(List.of(autoCommitted.created, autoCommitted.updated)).containsExactly(1, 1);
            assertThat(List.of(inTransaction.created, inTransaction.updated)).containsExactly(1, 1);
        } finally {
            execute(raw, "DROP TABLE " + log);
        }
    }
}
