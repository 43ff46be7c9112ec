package io.qiao.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC sink task outside a worker, against the real MariaDB (127.0.0.1:3306, database test). */
class QiaoJdbcSinkTaskTest {
    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final TopicPartition TP = new TopicPartition("warehouses", 0);

    private String table;
    private String offsets;

    @BeforeEach
    void names() {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        table = "kc_wh_" + id;
        offsets = "kc_off_" + id;
    }

    @AfterEach
    void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("DROP TABLE IF EXISTS " + offsets);
        }
    }

    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("name", "wh-sink");
        s.put("connection.url", URL);
        s.put("connection.user", "root");
        s.put("table", table);
        s.put("key.fields", "warehouseCode");
        s.put("offsets.table", offsets);
        return s;
    }

    static Map<String, Object> warehouse(int id, String name) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("warehouseId", (long) id);
        w.put("warehouseCode", "WH" + id);
        w.put("warehouseName", name);
        w.put("blockup", id % 2 == 0);
        w.put("channels", List.of(Map.of("channelCode", "CH" + id)));
        return w;
    }

    static SinkRecord record(long offset, Object value) {
        return new SinkRecord(TP.topic(), TP.partition(), null, null, null, value, offset);
    }

    QiaoJdbcSinkTask started(FakeSinkContext context) {
        QiaoJdbcSinkTask task = new QiaoJdbcSinkTask();
        task.initialize(context);
        task.start(settings());
        task.open(List.of(TP));
        return task;
    }

    Map<String, String> rows() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT warehouse_code, warehouse_name FROM " + table + " ORDER BY warehouse_id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    String stored(String column) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table + " WHERE warehouse_code = 'WH1'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void put_createsTheTableFromTheRecords_andUpsertsThemOnTheKey() throws Exception {
        QiaoJdbcSinkTask task = started(new FakeSinkContext(true));

        task.put(List.of(record(0, warehouse(1, "一号仓")), record(1, warehouse(2, "二号仓")),
                record(2, warehouse(1, "一号仓改"))));
        task.stop();

        assertThat(rows()).containsExactly(Map.entry("WH1", "一号仓改"), Map.entry("WH2", "二号仓"));
        assertThat(stored("channels")).isEqualTo("[{\"channelCode\":\"CH1\"}]");
        assertThat(stored("blockup")).isEqualTo("0");
    }

    @Test
    void aColumnThatAnotherTaskAddedFirst_isNoError_andTheRowsAreWritten() throws Exception {
        // found with three sink tasks on one table: a task whose view of the columns was older than another's
        // ALTER failed with "Duplicate column" on every retry, and its partition stood still
        QiaoJdbcSinkTask a = started(new FakeSinkContext(true));
        TopicPartition otherPartition = new TopicPartition(TP.topic(), 1);
        QiaoJdbcSinkTask b = new QiaoJdbcSinkTask();
        b.initialize(new FakeSinkContext(true));
        b.start(settings());
        b.open(List.of(otherPartition));
        a.put(List.of(record(0, warehouse(1, "一号仓"))));
        b.put(List.of(new SinkRecord(TP.topic(), 1, null, null, null, warehouse(2, "二号仓"), 0)));
        Map<String, Object> third = warehouse(3, "三号仓");
        third.put("linkMan", "张三");
        a.put(List.of(record(1, third)));

        Map<String, Object> fourth = warehouse(4, "四号仓");
        fourth.put("linkMan", "李四");
        b.put(List.of(new SinkRecord(TP.topic(), 1, null, null, null, fourth, 1)));
        a.stop();
        b.stop();

        assertThat(rows()).containsOnlyKeys("WH1", "WH2", "WH3", "WH4").containsEntry("WH4", "四号仓");
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT link_man FROM " + table + " WHERE warehouse_code = 'WH4'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("李四");
        }
    }

    @Test
    void theNextOffset_isStoredWithTheRows_andARestartedTaskSeeksThere_applyingNothingTwice() throws Exception {
        QiaoJdbcSinkTask first = started(new FakeSinkContext(true));
        first.put(List.of(record(0, warehouse(1, "一号仓")), record(1, warehouse(2, "二号仓"))));
        first.stop();

        FakeSinkContext context = new FakeSinkContext(true);
        QiaoJdbcSinkTask restarted = started(context);
        assertThat(context.seeks).containsEntry(TP, 2L);
        // the worker had not committed its consumer offsets: offset 1 comes again, then new records
        restarted.put(List.of(record(1, warehouse(2, "二号仓 (delivered again, must not apply)")),
                record(2, warehouse(3, "三号仓"))));

        assertThat(rows()).containsExactly(Map.entry("WH1", "一号仓"), Map.entry("WH2", "二号仓"), Map.entry("WH3", "三号仓"));
        assertThat(restarted.preCommit(Map.of()).get(TP).offset()).as("Connect's consumer offset follows the table's")
                .isEqualTo(3L);
        restarted.stop();
    }

    @Test
    void aPartitionTakenOverAfterAWorkerDied_writesEachRecordOnce_evenWhenItsFirstRecordUpdatesAnExistingRow()
            throws Exception {
        // KafkaConnectWorkerKillIT's double write: after the kill the source re-sends what its lost offsets did not
        // cover, so the new owner's first batch updates rows that exist; a trigger saw that batch's first row
        // written twice, because the upsert learnt the driver's row counting by writing that row once more
        QiaoJdbcSinkTask killed = started(new FakeSinkContext(true));
        killed.put(List.of(record(0, warehouse(1, "一号仓")), record(1, warehouse(2, "二号仓"))));
        String log = table + "_log";
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + log + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, warehouse_name VARCHAR(255))");
            s.execute("CREATE TRIGGER " + log + "_t BEFORE INSERT ON " + table + " FOR EACH ROW INSERT INTO " + log
                    + " (warehouse_name) VALUES (NEW.warehouse_name)");
        }
        try {
            killed.close(List.of(TP)); // SIGKILL: the worker never gets here; the new owner starts from the table
            FakeSinkContext context = new FakeSinkContext(true);
            QiaoJdbcSinkTask owner = started(context);
            assertThat(context.seeks).containsEntry(TP, 2L);
            owner.put(List.of(record(2, warehouse(1, "一号仓 (re-sent)")), record(3, warehouse(3, "三号仓"))));
            owner.put(List.of(record(4, warehouse(2, "二号仓 (re-sent)"))));
            owner.stop();

            List<String> written = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT warehouse_name FROM " + log + " ORDER BY id")) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
            assertThat(written).as("rows written, as the table's trigger saw them")
                    .containsExactly("一号仓 (re-sent)", "三号仓", "二号仓 (re-sent)");
            assertThat(rows()).containsExactly(Map.entry("WH1", "一号仓 (re-sent)"), Map.entry("WH2", "二号仓 (re-sent)"),
                    Map.entry("WH3", "三号仓"));
        } finally {
            try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + log);
            }
        }
    }

    @Test
    void recordsOfAPartitionThisTaskHasNotOpened_areCheckedAgainstTheOffsetInTheTable_notAgainstMemory()
            throws Exception {
        QiaoJdbcSinkTask owner = started(new FakeSinkContext(true));
        owner.put(List.of(record(0, warehouse(1, "一号仓")), record(1, warehouse(2, "二号仓"))));
        owner.close(List.of(TP));
        QiaoJdbcSinkTask other = new QiaoJdbcSinkTask();
        other.initialize(new FakeSinkContext(true));
        other.start(settings());

        // delivered before any open() of the partition here (records fetched before a rebalance finished)
        other.put(List.of(record(1, warehouse(2, "二号仓 (delivered again, must not apply)")),
                record(2, warehouse(3, "三号仓"))));
        other.stop();

        assertThat(rows()).containsExactly(Map.entry("WH1", "一号仓"), Map.entry("WH2", "二号仓"), Map.entry("WH3", "三号仓"));
    }

    @Test
    void aTaskThatLostItsPartition_cannotCommitOverTheNewOwner_andSeeksToTheStoredOffset() throws Exception {
        FakeSinkContext zombieContext = new FakeSinkContext(true);
        QiaoJdbcSinkTask zombie = started(zombieContext);
        QiaoJdbcSinkTask owner = started(new FakeSinkContext(true));
        owner.put(List.of(record(0, warehouse(1, "一号仓")), record(1, warehouse(2, "二号仓"))));

        zombie.put(List.of(record(0, warehouse(1, "zombie")), record(1, warehouse(2, "zombie")),
                record(2, warehouse(3, "zombie"))));

        assertThat(rows()).containsExactly(Map.entry("WH1", "一号仓"), Map.entry("WH2", "二号仓"));
        assertThat(zombieContext.seeks).containsEntry(TP, 2L);
    }

    @Test
    void recordsThatCannotBeRows_goToTheErrantRecordReporterWithTheReason_andTheRestIsWritten() throws Exception {
        FakeSinkContext context = new FakeSinkContext(true);
        QiaoJdbcSinkTask task = started(context);
        Map<String, Object> noKey = warehouse(2, "二号仓");
        noKey.remove("warehouseCode");

        task.put(List.of(record(0, warehouse(1, "一号仓")), record(1, noKey), record(2, null)));

        assertThat(rows()).containsExactly(Map.entry("WH1", "一号仓"));
        assertThat(context.reported).extracting(e -> e.getKey().kafkaOffset()).containsExactly(1L, 2L);
        assertThat(context.reported.get(0).getValue()).hasMessageContaining("key field 'warehouseCode' is missing");
        assertThat(context.reported.get(1).getValue()).hasMessageContaining("tombstone");
        assertThat(task.preCommit(Map.of()).get(TP).offset()).isEqualTo(3L);
    }

    @Test
    void withoutAReporter_aBadRecordFailsTheTask_andNothingOfTheBatchCommits() throws Exception {
        QiaoJdbcSinkTask task = started(new FakeSinkContext(false));
        Map<String, Object> noKey = warehouse(2, "二号仓");
        noKey.remove("warehouseCode");

        assertThatThrownBy(() -> task.put(List.of(record(0, warehouse(1, "一号仓")), record(1, noKey))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("warehouses-0@1")
                .hasMessageContaining("errors.tolerance");

        assertThat(rows()).isEmpty();
    }

    @Test
    void structValues_fromJsonConverterWithSchemas_areWrittenLikeMaps() throws Exception {
        Schema schema = SchemaBuilder.struct().field("warehouseId", Schema.INT64_SCHEMA)
                .field("warehouseCode", Schema.STRING_SCHEMA).field("warehouseName", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        QiaoJdbcSinkTask task = started(new FakeSinkContext(true));

        task.put(List.of(new SinkRecord(TP.topic(), TP.partition(), null, null, schema,
                new Struct(schema).put("warehouseId", 7L).put("warehouseCode", "WH7").put("warehouseName", "七号仓"), 0)));

        assertThat(rows()).containsExactly(Map.entry("WH7", "七号仓"));
    }

    @Test
    void aBadConfiguration_namesTheKeyAndTheProblem_andNeverThePassword() {
        Map<String, String> s = settings();
        s.remove("key.fields");
        assertThatThrownBy(() -> new SinkConfig(s)).isInstanceOf(ConfigException.class).hasMessageContaining("key.fields");

        Map<String, String> u = settings();
        u.put("connection.url", "mongodb://root:hunter22@db");
        u.put("connection.password", "hunter22");
        assertThatThrownBy(() -> new SinkConfig(u)).hasMessageContaining("connection.url")
                .hasMessageNotContaining("hunter22");

        Map<String, String> t = settings();
        t.put("table", "warehouse; DROP TABLE x");
        assertThatThrownBy(() -> new SinkConfig(t)).hasMessageContaining("table").hasMessageContaining("identifier");

        Map<String, String> p = settings();
        p.put("connection.password", "hunter22");
        assertThat(new SinkConfig(p).values().toString()).doesNotContain("hunter22");
    }

    /** The driver's data source, counting what it opens: the task's connections, as the database sees them. */
    static final class Opened {
        final List<Connection> connections = new ArrayList<>();

        DataSource counting(DataSource driver) {
            return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        try {
                            Object out = method.invoke(driver, args);
                            if (method.getName().equals("getConnection")) {
                                connections.add((Connection) out);
                            }
                            return out;
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** What a DBA's KILL (or a server restart, a network cut) does to the task's current connection. */
        void killLast() throws Exception {
            long id;
            try (Statement s = connections.get(connections.size() - 1).createStatement();
                 ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
                s.execute("KILL CONNECTION " + id);
            }
        }
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    QiaoJdbcSinkTask started(FakeSinkContext context, Clock clock, Opened opened) {
        QiaoJdbcSinkTask task = new QiaoJdbcSinkTask(clock, opened::counting);
        task.initialize(context);
        task.start(settings());
        task.open(List.of(TP));
        return task;
    }

    /** Every insert the table saw, in order, by warehouse name (a trigger's log). */
    String logInserts() throws Exception {
        String log = table + "_log";
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + log + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, warehouse_name VARCHAR(255))");
            s.execute("CREATE TRIGGER " + log + "_t BEFORE INSERT ON " + table + " FOR EACH ROW INSERT INTO " + log
                    + " (warehouse_name) VALUES (NEW.warehouse_name)");
        }
        return log;
    }

    List<String> inserted(String log) throws Exception {
        List<String> written = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT warehouse_name FROM " + log + " ORDER BY id")) {
            while (rs.next()) {
                written.add(rs.getString(1));
            }
        }
        return written;
    }

    void dropLog(String log) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + log);
        }
    }

    @Test
    void onePutAfterAnother_sharesOneConnection_thatStopCloses() throws Exception {
        Opened opened = new Opened();
        QiaoJdbcSinkTask task = started(new FakeSinkContext(true), Clock.systemUTC(), opened);

        for (int i = 0; i < 20; i++) {
            task.put(List.of(record(i, warehouse(i + 1, "仓" + i))));
        }
        task.stop();

        assertThat(rows()).hasSize(20);
        assertThat(opened.connections).as("connections opened for the offsets table, 20 puts, column checks")
                .hasSize(1);
        assertThat(opened.connections.get(0).isClosed()).isTrue();
    }

    @Test
    void aConnectionTheDatabaseKilled_failsThatPutOnly_andTheRecordsDeliveredAgainAreWrittenOnceOnANewConnection()
            throws Exception {
        Opened opened = new Opened();
        QiaoJdbcSinkTask task = started(new FakeSinkContext(true), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), opened);
        task.put(List.of(record(0, warehouse(1, "一号仓")), record(1, warehouse(2, "二号仓"))));
        String log = logInserts();
        try {
            opened.killLast(); // between two puts, too recently used for the task to check it first

            List<SinkRecord> batch = List.of(record(2, warehouse(3, "三号仓")), record(3, warehouse(4, "四号仓")));
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                    .hasMessageContaining("cannot write 2 rows of warehouses-0");
            assertThat(opened.connections.get(0).isClosed()).as("the broken connection is closed, not reused").isTrue();
            task.put(batch); // what the worker does with a RetriableException: the same records again
            task.put(List.of(record(4, warehouse(5, "五号仓"))));
            assertThat(task.preCommit(Map.of()).get(TP).offset()).isEqualTo(5L);
            task.stop();

            assertThat(opened.connections).hasSize(2);
            assertThat(inserted(log)).as("rows written, as the table's trigger saw them")
                    .containsExactly("三号仓", "四号仓", "五号仓");
            assertThat(rows()).containsOnlyKeys("WH1", "WH2", "WH3", "WH4", "WH5");
        } finally {
            dropLog(log);
        }
    }

    @Test
    void anIdleConnectionTheDatabaseKilled_isReplacedBeforeTheNextPut_withoutFailingIt() throws Exception {
        Opened opened = new Opened();
        MovableClock clock = new MovableClock();
        QiaoJdbcSinkTask task = started(new FakeSinkContext(true), clock, opened);
        task.put(List.of(record(0, warehouse(1, "一号仓"))));

        opened.killLast();
        clock.now = clock.now.plus(TaskConnection.VALIDATE_AFTER).plus(Duration.ofMillis(1));
        task.put(List.of(record(1, warehouse(2, "二号仓"))));
        task.stop();

        assertThat(opened.connections).hasSize(2);
        assertThat(rows()).containsOnlyKeys("WH1", "WH2");
    }

    @Test
    void aTransactionThatFailed_isNotContinuedOnItsConnection_andItsRecordsCommitLater() throws Exception {
        Opened opened = new Opened();
        FakeSinkContext noReporter = new FakeSinkContext(false);
        QiaoJdbcSinkTask task = started(noReporter, Clock.systemUTC(), opened);
        Map<String, Object> noKey = warehouse(2, "二号仓");
        noKey.remove("warehouseCode");

        assertThatThrownBy(() -> task.put(List.of(record(0, warehouse(1, "一号仓")), record(1, noKey))))
                .isInstanceOf(ConnectException.class);
        task.put(List.of(record(0, warehouse(1, "一号仓")), record(1, warehouse(2, "二号仓"))));
        task.stop();

        assertThat(opened.connections).hasSize(2);
        assertThat(opened.connections.get(0).isClosed()).isTrue();
        assertThat(rows()).containsOnlyKeys("WH1", "WH2");
    }
}
