package io.qiao.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.client.RateLimits;
import io.qiao.client.Secret;
import io.qiao.connect.QiaoJdbcSinkConnector;
import io.qiao.connect.QiaoSourceConnector;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Records/s of the same 吉客云 warehouses through Kafka Connect (Qiao's source connector → topic → Qiao's JDBC sink
 * connector → MariaDB) and through the in-process {@link SyncJob} (the same client, the same {@link JdbcUpsertSink},
 * the same rows into a table of the same shape, checkpoint in the same database), in one run, with their ratio.
 *
 * <p>Kafka runs in this JVM: Kafka's own {@link EmbeddedConnectCluster} (one KRaft broker, one distributed worker,
 * JsonConverter without schemas, the connectors found by their ServiceLoader manifests). Both sides read the pages
 * through the same {@link PageReplayServer}, warmed first, so the simulator's page building does not compete for the
 * cores. The Connect side is timed from the source connector's creation (the sink's tasks already run) until the
 * table holds every warehouse, so it includes the source task's start; the time from the first row is printed too.
 *
 * <pre>
 * java -Xmx1g [-Dbench.jdbcUrl=jdbc:mariadb://127.0.0.1:3306/test?user=root] -cp ... io.qiao.bench.KafkaConnectBench [records=100000] [partitions=1] [rounds=2]
 * </pre>
 * {@code partitions} is also the sink's {@code tasks.max}; {@code rounds} is for the {@code SyncJob} side (best of).
 * {@code -Dbench.maxPollRecords=1000} gives the sink the SyncJob's 1,000-row transactions (Connect's default is 500).
 * Tables are named with {@code -Dbench.tablePrefix} (default {@code bench_}). Prints the ratio as target line
 * {@code 18.connect} (issue 18 sets no goal for it: reported only).
 */
// run-all [18.connect]: -Xmx1g io.qiao.bench.KafkaConnectBench 20000 1 2
public final class KafkaConnectBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaConnectBench() {
    }

    /**
     * Where the connector starts: a boundary of its 365-day window grid (from the epoch), so that with no overlap its
     * one range with data is [SINCE, SINCE + 365 days), which the warm-up reads too.
     */
    static final Instant SINCE = Instant.EPOCH.plus(Duration.ofDays(365L * 54));

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // Kafka's INFO would bury the figures
        }
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        BenchDatabase db = BenchDatabase.fromSystemProperty();
        JackyunDataSet data = JackyunDataSet.builder().warehouses(records).stockQuantities(0).stockDocuments(0)
                .trades(0).modifiedBetween(EndToEndBench.DATA_FROM, EndToEndBench.DATA_TO).build();
        String prefix = System.getProperty("bench.tablePrefix", "bench_");
        String connectTable = prefix + "kc_connect";
        String jobTable = prefix + "kc_syncjob";
        String warmTable = prefix + "kc_warm";
        String offsetsTable = prefix + "kc_offsets";
        try (JackyunSimulator sim = JackyunSimulator.builder().dataSet(data).containerThreads(8).build().start();
             PageReplayServer replay = PageReplayServer.start(sim.endpoint())) {
            JackyunClient client = JackyunClient.builder().endpoint(replay.endpoint())
                    .credentials(JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                    .rateLimits(RateLimits.none()).build();
            System.out.printf(Locale.ROOT, "Kafka Connect vs SyncJob: %,d warehouses, %d partition(s) and sink task(s), "
                    + "database %s%n", records, partitions, db);
            // warms the replay server (every page fetched from the simulator once) and the JVM's JDBC and client paths
            db.dropIfExists(connectTable, jobTable);
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + warmTable);
            }
            syncJob(client, db, warmTable, null, records);
            // the pages of the connector's range, as its task asks for them
            long read = 0;
            for (Warehouse ignored : client.warehouses().list(WarehouseQuery.builder()
                    .pageSize(WarehouseQuery.MAX_PAGE_SIZE).modifiedFrom(SINCE).modifiedTo(SINCE.plus(Duration.ofDays(365)))
                    .build())) {
                read++;
            }
            if (read != records) {
                throw new IllegalStateException("the connector's range holds " + read + " warehouses, not " + records);
            }
            System.out.printf(Locale.ROOT, "  warm-up (pages from the simulator, kept by the replay server): %,d pages%n",
                    replay.misses());

            long missesBefore = replay.misses();
            double[] connect = connect(sim, replay, db, connectTable, offsetsTable, records, partitions);
            System.out.printf(Locale.ROOT, "  Connect's source: %d pages not replayed (the live range up to now, asked again every poll interval)%n",
                    replay.misses() - missesBefore);
            double best = 0;
            for (int r = 1; r <= rounds; r++) {
                db.dropIfExists(jobTable);
                double rate = syncJob(client, db, jobTable, connectTable, records);
                System.out.printf(Locale.ROOT, "  round %d: SyncJob %,10.0f records/s%n", r, rate);
                best = Math.max(best, rate);
            }
            sameRows(db, connectTable, jobTable, records);
            System.out.printf(Locale.ROOT, "  Kafka Connect: %,10.0f records/s from the source connector's creation; "
                    + "%,10.0f records/s from the first row; source -> topic alone %,10.0f records/s%n", connect[0],
                    connect[1], connect[2]);
            System.out.printf(Locale.ROOT, "  SyncJob (best of %d): %,10.0f records/s%n", rounds, best);
            System.out.printf(Locale.ROOT, "  ratio Kafka Connect / SyncJob = %.2f (from the first row: %.2f)%n",
                    connect[0] / best, connect[1] / best);
            String command = BenchTarget.command(BenchTarget.heapOptions(), KafkaConnectBench.class,
                    String.valueOf(records), String.valueOf(partitions), String.valueOf(rounds));
            new BenchTarget("18.connect", "Kafka Connect vs in-process SyncJob (issue 18)",
                    String.format(Locale.ROOT, "Connect %,.0f/s from the source connector's creation (%,.0f/s from the "
                            + "first row) vs SyncJob %,.0f/s best of %d (%,d warehouses, %d partition(s), load %s)",
                            connect[0], connect[1], best, rounds, records, partitions,
                            JdbcUpsertBench.loadAverage().split(" ")[0]),
                    String.format(Locale.ROOT, "%.2f (from the first row %.2f)", connect[0] / best, connect[1] / best),
                    "reported", "reported", command).print();
            db.dropIfExists(connectTable, jobTable, warmTable, offsetsTable);
        }
    }

    /** Source connector → topic → JDBC sink connector; returns records/s overall and from the first row on. */
    static double[] connect(JackyunSimulator sim, PageReplayServer replay, BenchDatabase db, String table,
                            String offsetsTable, int records, int partitions) throws Exception {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("qiao-bench").numWorkers(1)
                .numBrokers(1).workerProps(worker).build();
        connect.start();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers()));
        try {
            String topic = "bench-warehouses";
            connect.kafka().createTopic(topic, partitions);
            Map<String, String> sink = new HashMap<>(converters());
            sink.put("connector.class", QiaoJdbcSinkConnector.class.getName());
            sink.put("tasks.max", Integer.toString(partitions));
            sink.put("topics", topic);
            sink.put("connection.url", System.getProperty("bench.jdbcUrl", BenchDatabase.DEFAULT_URL));
            sink.put("table", table);
            sink.put("key.fields", "warehouseCode");
            sink.put("offsets.table", offsetsTable);
            // records per put(), so per transaction: Connect's default 500, or -Dbench.maxPollRecords=1000 (the SyncJob's)
            String maxPoll = System.getProperty("bench.maxPollRecords");
            if (maxPoll != null) {
                sink.put("consumer.override.max.poll.records", maxPoll);
            }
            connect.configureConnector("bench-sink", sink);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("bench-sink", partitions,
                    "the sink's tasks did not start");

            Map<String, String> source = new HashMap<>(converters());
            source.put("connector.class", QiaoSourceConnector.class.getName());
            source.put("tasks.max", "1");
            source.put("qiao.source", "jackyun.warehouses");
            source.put("qiao.endpoint", replay.endpoint().toString());
            source.put("qiao.app.key", sim.appKey());
            source.put("qiao.app.secret", sim.appSecret());
            source.put("qiao.since", SINCE.toString());
            source.put("qiao.window", "365d");
            source.put("qiao.overlap", "0s");
            source.put("qiao.settle.delay", "0s");
            source.put("qiao.poll.interval", "1s");
            source.put("qiao.rate.limit", "1000000/s");
            source.put("topic", topic);
            long t0 = System.nanoTime();
            connect.configureConnector("bench-source", source);
            long first = 0;
            long inTopic = 0;
            long n;
            while ((n = count(db, table)) < records) {
                if (n > 0 && first == 0) {
                    first = System.nanoTime();
                }
                if (inTopic == 0 && endOffsets(admin, topic, partitions) >= records) {
                    inTopic = System.nanoTime();
                }
                if (System.nanoTime() - t0 > 600_000_000_000L) {
                    throw new IllegalStateException("Connect wrote " + n + " of " + records + " rows in 10 minutes");
                }
                Thread.sleep(50);
            }
            long t1 = System.nanoTime();
            if (first == 0) {
                first = t0;
            }
            if (inTopic == 0) {
                inTopic = t1;
            }
            return new double[] {records / ((t1 - t0) / 1e9), records / ((t1 - first) / 1e9),
                    records / ((inTopic - t0) / 1e9)};
        } finally {
            admin.close();
            connect.stop();
        }
    }

    private static long endOffsets(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            ask.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(ask).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }

    private static Map<String, String> converters() {
        return Map.of("key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable", "false",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false");
    }

    /**
     * The same warehouses through a {@link SyncJob} into {@code table}, shaped like the Connect sink's table
     * ({@code CREATE TABLE ... LIKE} it; without one, created here with the same columns): the rows are the
     * connector's values, top-level fields in snake_case, nested lists as JSON text.
     */
    static double syncJob(JackyunClient client, BenchDatabase db, String table, String like, int records)
            throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            if (like != null) {
                s.execute("CREATE TABLE " + table + " LIKE " + like);
            } else {
                s.execute("CREATE TABLE " + table + " (warehouse_id BIGINT, warehouse_code VARCHAR(255) NOT NULL "
                        + "PRIMARY KEY, warehouse_name TEXT, warehouse_type_code TEXT, warehouse_type_name TEXT, "
                        + "blockup BOOLEAN, deleted BOOLEAN, company_id BIGINT, company_code TEXT, company_name TEXT, "
                        + "department_id BIGINT, department_code TEXT, department_name TEXT, address TEXT, tel TEXT, "
                        + "link_man TEXT, gmt_create TEXT, gmt_modified TEXT, channels TEXT)");
            }
        }
        JdbcCheckpointStore checkpoints = JdbcCheckpointStore.of(db);
        checkpoints.createTablesIfMissing();
        SyncJob<Warehouse, Map<String, Object>> job = SyncJob.builder(table + "-" + System.nanoTime())
                .source(JackyunSources.warehouses(client))
                .map(KafkaConnectBench::row)
                .sink(JdbcUpsertSink.<Map<String, Object>>into(db, table).key("warehouse_code").build())
                .keyOf(JackyunSources::keyOf)
                .checkpoints(checkpoints)
                .deadLetters(new InMemoryDeadLetterStore())
                .build();
        long t0 = System.nanoTime();
        SyncReport report = job.runOnce();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (report.failed() || report.written() != records || count(db, table) != records) {
            throw new IllegalStateException("the SyncJob did not write every record: " + report);
        }
        return records / seconds;
    }

    /** A warehouse as the Connect sink writes it: the model's fields in snake_case, lists as JSON text. */
    static Map<String, Object> row(Warehouse w) {
        Map<String, Object> row = new LinkedHashMap<>();
        try {
            for (RecordComponent c : Warehouse.class.getRecordComponents()) {
                Object v = c.getAccessor().invoke(w);
                if (v instanceof LocalDateTime t) {
                    v = Json.formatDateTime(t);
                } else if (v instanceof List<?> list) {
                    v = JSON.writeValueAsString(list);
                }
                row.put(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT), v);
            }
        } catch (ReflectiveOperationException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot map warehouse " + w.warehouseId(), e);
        }
        return row;
    }

    private static long count(BenchDatabase db, String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                return 0; // the sink has not created the table yet
            }
            throw e;
        }
    }

    /** Both pipelines wrote the same warehouses with the same names. */
    private static void sameRows(BenchDatabase db, String a, String b, int records) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + a + " JOIN " + b
                     + " USING (warehouse_code) WHERE " + a + ".warehouse_name = " + b + ".warehouse_name")) {
            rs.next();
            if (rs.getLong(1) != records) {
                throw new IllegalStateException(a + " and " + b + " agree on " + rs.getLong(1) + " of " + records + " rows");
            }
        }
    }
}
