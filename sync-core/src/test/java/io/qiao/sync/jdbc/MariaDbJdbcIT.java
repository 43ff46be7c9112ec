package io.qiao.sync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.WriteResult;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** The JDBC contract tests on the real MariaDB server (127.0.0.1:3306, database test); run with -Pit. */
class MariaDbJdbcIT extends JdbcContracts {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    /**
     * MariaDB's default collation takes {@code 'WH0000'} and {@code 'wh0000 '} for one key. With the parallel writer
     * the later record lands in the earlier one's slice, after it, so it wins as it does with one writer; in a slice of
     * its own it would win only when its connection happened to commit last. Ten batches, so that a race would show.
     */
    @Test
    void parallelWriter_keysEqualUnderTheCollation_butNotInJava_endWithTheBatchsLaterRecord_asWithOneWriter() {
        DataSource ds = TestDatabase.MARIADB.dataSource();
        String table = TestDatabase.uniqueName("qj_collate");
        TestDatabase.execute(ds, "CREATE TABLE " + table + " (code VARCHAR(20) NOT NULL PRIMARY KEY, name VARCHAR(20))"
                + " DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci");
        try {
            for (int writers : new int[] {1, 4}) {
                JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table)
                        .key("code").writers(writers).build();
                for (int attempt = 0; attempt < (writers == 1 ? 1 : 10); attempt++) {
                    String round = writers + "-" + attempt;
                    List<Map<String, Object>> batch = new java.util.ArrayList<>();
                    batch.add(Map.of("code", "WH0000", "name", "first " + round));
                    for (int i = 1; i < 999; i++) {
                        batch.add(Map.of("code", String.format("WH%04d", i), "name", "n" + i));
                    }
                    batch.add(Map.of("code", "wh0000 ", "name", "last " + round)); // the last slice by its place

                    sink.write(batch);

                    assertThat(TestDatabase.query(ds, "SELECT name FROM " + table + " WHERE code = 'WH0000'"))
                            .as("%d writer(s), batch %d", writers, attempt).containsExactly(List.of("last " + round));
                    assertThat(TestDatabase.count(ds, "SELECT COUNT(*) FROM " + table)).isEqualTo(999);
                }
            }
        } finally {
            TestDatabase.execute(ds, "DROP TABLE " + table);
        }
    }

    /**
     * The statement starts its count of existing keys at 0 itself, in its first row: whatever an earlier statement or
     * the application left in the session's {@code @qiao_dups} (a pool hands the same session out again) does not
     * change the figures.
     */
    @Test
    void upsertCounts_onASessionThatAlreadyHoldsTheCountingVariable_areExact_whateverItHolds() throws Exception {
        MariaDbDataSource mariaDb = new MariaDbDataSource();
        mariaDb.setUrl("jdbc:mariadb://127.0.0.1:3306/test?user=root");
        try (Connection session = mariaDb.getConnection()) {
            DataSource sameSession = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> m.getName().equals("close") ? null : m.invoke(session, a));
                    });
            String table = TestDatabase.idNameTable(sameSession, "qj_stale");
            try {
                JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(sameSession, table)
                        .key("id").rowsPerStatement(4).build();
                List<Map<String, Object>> rows = TestDatabase.idNameRows(10, "n");

                for (String left : List.of("17", "'not a number'", "NULL", "-5")) {
                    try (Statement s = session.createStatement()) {
                        s.execute("SET @qiao_dups = " + left);
                    }
                    assertThat(sink.write(rows)).as("after @qiao_dups = " + left)
                            .isEqualTo(left.equals("17") ? WriteResult.of(10, 0, 0, List.of())
                                    : WriteResult.of(0, 0, 10, List.of()));
                }
                try (Statement s = session.createStatement()) {
                    s.execute("SET @qiao_dups = 3");
                }
                assertThat(sink.write(List.of(Map.of("id", 0L, "name", "changed"), Map.of("id", 1L, "name", "n1"),
                        Map.of("id", 42L, "name", "new")))).isEqualTo(WriteResult.of(1, 1, 1, List.of()));
            } finally {
                TestDatabase.execute(sameSession, "DROP TABLE " + table);
            }
        }
    }

    /**
     * The statement's own answer carries its count of existing keys (the insert id), so no batch needs a second round
     * trip to read it, with either driver; on a table whose AUTO_INCREMENT column the server fills, the generated
     * value takes the insert id's place and the count is read from the session variable instead, still exact.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"MARIADB", "MYSQL_CONNECTOR_J"})
    void upsertCounts_comeFromTheStatementsOwnAnswer_unlessAnAutoIncrementValueTakesItsPlace(TestDatabase driver)
            throws Exception {
        DataSource raw = driver.dataSource();
        java.util.concurrent.atomic.AtomicInteger plainStatements = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger keyReads = new java.util.concurrent.atomic.AtomicInteger();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Connection real = raw.getConnection();
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("createStatement")) {
                                    plainStatements.incrementAndGet();
                                }
                                try {
                                    Object result = m.invoke(real, a);
                                    return m.getName().equals("prepareStatement")
                                            ? countingKeyReads((PreparedStatement) result, keyReads) : result;
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
        String plain = TestDatabase.idNameTable(raw, "qj_answer");
        String autoIncrement = TestDatabase.uniqueName("qj_autoinc");
        TestDatabase.execute(raw, "CREATE TABLE " + autoIncrement
                + " (seq BIGINT AUTO_INCREMENT, id BIGINT PRIMARY KEY, name VARCHAR(20), KEY (seq))");
        try {
            for (String table : List.of(plain, autoIncrement)) {
                JdbcUpsertSink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(counting, table)
                        .key("id").build();
                sink.write(List.of(Map.of("id", 0L, "name", "a0"), Map.of("id", 1L, "name", "a1")));
                sink.write(List.of(Map.of("id", 0L, "name", "a0")));  // the sink learns the driver's counting mode
                plainStatements.set(0);
                keyReads.set(0);

                assertThat(sink.write(TestDatabase.idNameRows(300, "a"))).as(table)
                        .isEqualTo(WriteResult.of(298, 0, 2, List.of()));
                assertThat(sink.write(TestDatabase.idNameRows(300, "b"))).as(table)
                        .isEqualTo(WriteResult.of(0, 300, 0, List.of()));
                assertThat(sink.write(List.of(Map.of("id", 0L, "name", "c0"), Map.of("id", 1L, "name", "b1"),
                        Map.of("id", 500L, "name", "new")))).as(table).isEqualTo(WriteResult.of(1, 1, 1, List.of()));

                assertThat(plainStatements.get()).as("statements besides the upserts, " + table)
                        .isEqualTo(table.equals(plain) ? 0 : 2);  // the batches with new rows, on autoIncrement
                assertThat(keyReads.get()).as("insert ids read, " + table)
                        .isEqualTo(table.equals(plain) ? 2 : 0);  // the sink learnt in setup: not the count there
            }
            assertThat(TestDatabase.query(raw, "SELECT COUNT(*) FROM " + autoIncrement).get(0).get(0).toString())
                    .isEqualTo("301");
        } finally {
            TestDatabase.execute(raw, "DROP TABLE " + plain, "DROP TABLE " + autoIncrement);
        }
    }

    private static PreparedStatement countingKeyReads(PreparedStatement real, java.util.concurrent.atomic.AtomicInteger reads) {
        return (PreparedStatement) Proxy.newProxyInstance(MariaDbJdbcIT.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                    if (m.getName().equals("getGeneratedKeys")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return m.invoke(real, a);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
