package io.qiao.sync.testkit;

import static io.qiao.sync.testkit.TestDatabases.execute;

import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.Sink;
import io.qiao.sync.Source;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcDeadLetterStore;
import io.qiao.sync.jdbc.JdbcSource;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The published suites on every JDBC implementation sync-core ships, run against the database a subclass names.
 * (sync-core's own JDBC tests check what only these classes do: leases, bisecting, keyset details.)
 */
abstract class JdbcImplementations {

    protected abstract TestDatabases database();

    /** The contract every checkpoint store passes (in memory, file, JDBC). */
    @Nested
    class Checkpoints extends CheckpointStoreContract {
        private final DataSource ds = JdbcImplementations.this.database().dataSource();
        private final List<String> tables = new ArrayList<>();

        @Override
        protected CheckpointStore newStore() {
            String table = TestDatabases.uniqueName("qj_cp");
            tables.add(table);
            JdbcCheckpointStore store = JdbcCheckpointStore.builder(ds).table(table).build();
            store.createTablesIfMissing();
            return store;
        }

        @Override
        protected CheckpointStore reopen(CheckpointStore store) {
            return JdbcCheckpointStore.builder(ds).table(((JdbcCheckpointStore) store).table()).build();
        }

        @AfterEach
        void dropTables() {
            tables.forEach(t -> execute(ds, "DROP TABLE " + t));
        }
    }

    /** The contract every dead-letter store passes (in memory, JSON Lines, JDBC). */
    @Nested
    class DeadLetters extends DeadLetterStoreContract {
        private final DataSource ds = JdbcImplementations.this.database().dataSource();
        private final List<String> tables = new ArrayList<>();

        @Override
        protected DeadLetterStore newStore() {
            String table = TestDatabases.uniqueName("qj_dl");
            tables.add(table);
            JdbcDeadLetterStore store = JdbcDeadLetterStore.builder(ds).table(table).build();
            store.createTablesIfMissing();
            return store;
        }

        @Override
        protected DeadLetterStore reopen(DeadLetterStore store) {
            return JdbcDeadLetterStore.builder(ds).table(((JdbcDeadLetterStore) store).table()).build();
        }

        @AfterEach
        void dropTables() {
            tables.forEach(t -> execute(ds, "DROP TABLE " + t));
        }
    }

    /** The source contract on {@link JdbcSource}: keyset pages of two rows, two of them sharing a timestamp. */
    @Nested
    class Source extends SourceContract<Long> {
        private final DataSource ds = JdbcImplementations.this.database().dataSource();
        private final String table = TestDatabases.uniqueName("qj_src");

        @Override
        protected io.qiao.sync.Source<Long> newSource() throws SQLException {
            execute(ds, "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(50), updated_at "
                    + JdbcImplementations.this.database().timestampType() + ")");
            LocalDateTime base = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).minusDays(2);
            long[][] rows = {{1, 0}, {2, 60}, {3, 60}, {4, 61}, {5, 300}};
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (long[] row : rows) {
                    ps.setLong(1, row[0]);
                    ps.setString(2, "doc " + row[0]);
                    ps.setObject(3, base.plusMinutes(row[1]));
                    ps.executeUpdate();
                }
            }
            return JdbcSource.from(ds, table, rs -> rs.getLong("id")).zone(ZoneOffset.UTC).batchSize(2)
                    .settleDelay(Duration.ofSeconds(30)).build();
        }

        @Override
        protected List<Long> expectedRecords() {
            return List.of(1L, 2L, 3L, 4L, 5L);
        }

        @AfterEach
        void dropTable() {
            execute(ds, "DROP TABLE IF EXISTS " + table);
        }
    }

    /** The sink contract on {@link JdbcUpsertSink}; a row without a name breaks the NOT NULL constraint. */
    @Nested
    class UpsertSink extends SinkContract<Map<String, Object>> {
        private final DataSource ds = JdbcImplementations.this.database().dataSource();
        /** Each sink's table: every sink the suite makes writes its own. */
        private final Map<Sink<Map<String, Object>>, String> tables = new java.util.IdentityHashMap<>();

        @Override
        protected Sink<Map<String, Object>> newSink() {
            String table = TestDatabases.uniqueName("qj_sink");
            execute(ds, "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL, "
                    + "qty INT)");
            Sink<Map<String, Object>> sink = JdbcUpsertSink.<Map<String, Object>>into(ds, table).key("id")
                    .columns("id", "name", "qty").build();
            tables.put(sink, table);
            return sink;
        }

        @Override
        protected List<Map<String, Object>> records() {
            return List.of(row(1, "螺丝", 10), row(2, "螺母", 20), row(3, "垫圈", null));
        }

        @Override
        protected Map<String, Object> changed(Map<String, Object> record) {
            return row(((Number) record.get("id")).longValue(), record.get("name") + " v2", 99);
        }

        @Override
        protected Map<String, Object> refusedRecord() {
            return row(4, null, 1);
        }

        @Override
        protected Object contentsOf(Sink<Map<String, Object>> sink) throws SQLException {
            String table = tables.get(sink);
            Map<Long, List<Object>> rows = new TreeMap<>();
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT id, name, qty FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getString("name"));
                    row.add(rs.getObject("qty") == null ? null : rs.getInt("qty"));
                    rows.put(rs.getLong("id"), row);
                }
            }
            return rows;
        }

        private static Map<String, Object> row(long id, String name, Integer qty) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", id);
            row.put("name", name);
            row.put("qty", qty);
            return row;
        }

        @AfterEach
        void dropTables() {
            tables.values().forEach(t -> execute(ds, "DROP TABLE IF EXISTS " + t));
        }
    }
}
