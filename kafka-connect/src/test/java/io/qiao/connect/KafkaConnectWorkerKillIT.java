package io.qiao.connect;

import static io.qiao.connect.KafkaConnectPipelineIT.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's proof (b): 吉客云 warehouses → topic → MariaDB through three distributed Connect workers, each in its own
 * JVM ({@code ConnectDistributed}, the connectors loaded from the built plugin directory as a user installs them),
 * and one worker killed with SIGKILL while records flow. The KRaft broker stays in this JVM.
 *
 * <p>"Applied once" is checked outside the sink: an {@code InsertField} transform puts each record's partition and
 * offset into its row, and a {@code BEFORE INSERT} trigger logs every row the sink writes in a committed transaction
 * (the upsert's {@code INSERT ... ON DUPLICATE KEY UPDATE} fires it for inserts and updates alike; a rolled-back batch
 * rolls its log rows back with it). A batch applied twice would log the same partition/offset twice.
 */
class KafkaConnectWorkerKillIT {
    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String TOPIC = "jackyun-warehouses-kill";
    private static final int WAREHOUSES = 1200;
    private static final int WORKERS = 3;
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final Path PLUGINS = Path.of("target", "plugin").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "connect-workers").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JackyunSimulator jackyun;
    private EmbeddedKafkaCluster kafka;
    private final List<Process> workers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private String table;
    private String offsets;
    private String applied;

    @BeforeEach
    void start() throws Exception {
        assertThat(PLUGINS.resolve("qiao-kafka-connect")).as("the plugin directory (built at package)").isDirectory();
        jackyun = JackyunSimulator.builder()
                .dataSet(JackyunDataSet.builder().warehouses(WAREHOUSES).modifiedBetween(MAY, MAY.plusMonths(1)).build())
                .build().start();
        Properties broker = new Properties();
        broker.put("group.initial.rebalance.delay.ms", "0");
        broker.put("offsets.topic.replication.factor", "1");
        broker.put("group.min.session.timeout.ms", "2000");
        kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        kafka.createTopic(TOPIC, 3);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        table = "kc_kill_wh_" + id;
        offsets = "kc_kill_off_" + id;
        applied = "kc_kill_log_" + id;
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
            // the key column and the two the transform adds; the sink adds the records' other fields (auto.create)
            s.execute("CREATE TABLE " + table + " (warehouse_code VARCHAR(255) NOT NULL PRIMARY KEY,"
                    + " kafka_partition INT, kafka_offset BIGINT)");
            s.execute("CREATE TABLE " + applied + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, kafka_partition INT,"
                    + " kafka_offset BIGINT)");
            s.execute("CREATE TRIGGER " + applied + "_t BEFORE INSERT ON " + table + " FOR EACH ROW INSERT INTO "
                    + applied + " (kafka_partition, kafka_offset) VALUES (NEW.kafka_partition, NEW.kafka_offset)");
        }
        Files.createDirectories(LOGS);
        for (int i = 0; i < WORKERS; i++) {
            int port = freePort();
            ports.add(port);
            workers.add(startWorker(i, port));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : workers) {
            p.destroy();
        }
        for (Process p : workers) {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (jackyun != null) {
            jackyun.stop();
        }
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("DROP TABLE IF EXISTS " + offsets);
            s.execute("DROP TABLE IF EXISTS " + applied);
        }
    }

    @Test
    void warehouses_reachTheTableExactly_eachRecordAppliedOnce_whileAWorkerIsKilledWithSigkill() throws Exception {
        for (int port : ports) {
            waitUntil(() -> get(port, "/") != null, "worker on port " + port + " to serve its REST API");
        }
        Map<String, String> source = new HashMap<>();
        source.put("connector.class", QiaoSourceConnector.class.getName());
        source.put("tasks.max", "3");
        source.put("qiao.source", "jackyun.warehouses");
        source.put("qiao.endpoint", jackyun.endpoint().toString());
        source.put("qiao.app.key", jackyun.appKey());
        source.put("qiao.app.secret", jackyun.appSecret());
        source.put("qiao.since", "2024-04-25");
        source.put("qiao.window", "60d");
        source.put("qiao.settle.delay", "0s");
        source.put("qiao.poll.interval", "1s");
        source.put("qiao.batch.size", "50");
        // slow enough that the kill lands while pages are still being read and written: 6 pages of 200 at one a
        // second (at 6/s a faster sink had every row written before the first rows were seen and the kill came)
        source.put("qiao.rate.limit", "1/s");
        source.put("topic", TOPIC);
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", QiaoJdbcSinkConnector.class.getName());
        sink.put("tasks.max", "3");
        sink.put("topics", TOPIC);
        sink.put("connection.url", URL);
        sink.put("connection.user", "root");
        sink.put("table", table);
        sink.put("key.fields", "warehouseCode");
        sink.put("offsets.table", offsets);
        sink.put("transforms", "where");
        sink.put("transforms.where.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        sink.put("transforms.where.partition.field", "kafka_partition");
        sink.put("transforms.where.offset.field", "kafka_offset");

        put(ports.get(0), "/connectors/jackyun-warehouses/config", source);
        put(ports.get(0), "/connectors/warehouses-to-mariadb/config", sink);
        waitUntil(() -> runningTasks("jackyun-warehouses").size() == 3, "3 source tasks running");
        waitUntil(() -> runningTasks("warehouses-to-mariadb").size() == 3, "3 sink tasks running");

        waitUntil(() -> rowCount() > 0, "first rows");
        int rowsAtKill = rowCount();
        int victim = busiestWorker();
        Process killed = workers.get(victim);
        killed.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no offset flush, no rebalance goodbye
        assertThat(killed.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(killed.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(137);
        System.out.printf("killed worker %d (port %d) with SIGKILL at %d of %d rows%n", victim, ports.get(victim),
                rowsAtKill, WAREHOUSES);
        int survivor = victim == 0 ? 1 : 0;
        LocalDateTime justNow = LocalDateTime.now(Json.SHANGHAI).minusMinutes(1);
        // the last warehouse in modification order: editing an earlier one moves every later one a place up, and a task
        // paging that window just then skips one (pageIndex paging; README, "Not guaranteed"): a loss no sink can fix
        jackyun.updateWarehouse(WAREHOUSES, "末号仓（改）", justNow);

        waitSaying(() -> table().equals(truth()), () -> "the table to equal the simulator's warehouses (rows: "
                + rowCount() + ", applied: " + appliedCount() + ", differing: " + differing() + ")");
        waitUntil(() -> storedOffsets().equals(endOffsets()), "the stored offsets to reach the topic's end");
        // the sink's consumer group hands the dead worker's partitions to the live tasks after its session timeout;
        // Connect restarts the dead worker's tasks elsewhere only later (scheduled.rebalance.max.delay.ms), often
        // after the table is complete: wait for that too, so the restarted tasks' first batches are checked as well
        for (String connector : List.of("warehouses-to-mariadb", "jackyun-warehouses")) {
            waitUntil(() -> {
                List<String> running = runningTasks(connector, ports.get(survivor));
                return running.size() == 3 && running.stream().noneMatch(w -> w.endsWith(":" + ports.get(victim)));
            }, connector + "'s 3 tasks running on the surviving workers");
        }
        assertThat(rowsAtKill).as("rows when the worker was killed").isLessThan(WAREHOUSES);
        assertThat(table()).isEqualTo(truth()).hasSize(WAREHOUSES).containsEntry("WH001200", "末号仓（改）");
        assertThat(storedOffsets()).isEqualTo(endOffsets());
        assertThat(appliedTwice()).as("topic records whose rows were written twice").isEmpty();
        assertThat(jackyun.rejectedCount()).as("requests the vendor refused").isZero();
    }

    private Process startWorker(int index, int port) throws IOException {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("group.id", "qiao-kill-it");
        p.put("listeners", "http://127.0.0.1:" + port);
        p.put("config.storage.topic", "qiao-kill-configs");
        p.put("offset.storage.topic", "qiao-kill-offsets");
        p.put("status.storage.topic", "qiao-kill-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "5");
        p.put("status.storage.replication.factor", "1");
        p.put("status.storage.partitions", "3");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("key.converter.schemas.enable", "false");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter.schemas.enable", "false");
        p.put("plugin.path", PLUGINS.toString());
        p.put("plugin.discovery", "service_load");
        p.put("offset.flush.interval.ms", "500");
        // a killed worker is noticed after 6 s and its tasks move 3 s later, not after the defaults' minutes
        p.put("session.timeout.ms", "6000");
        p.put("heartbeat.interval.ms", "1000");
        p.put("scheduled.rebalance.max.delay.ms", "3000");
        p.put("consumer.session.timeout.ms", "6000");
        p.put("consumer.heartbeat.interval.ms", "1000");
        Path config = LOGS.resolve("worker-" + index + ".properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "worker " + index + " of " + KafkaConnectWorkerKillIT.class.getSimpleName());
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", workerClassPath(), "org.apache.kafka.connect.cli.ConnectDistributed", config.toString());
        File log = LOGS.resolve("worker-" + index + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    /**
     * The worker's own class path: Kafka, Connect and what they need, taken from this test's class path without
     * Qiao's classes and jars, so the connectors can come only from the plugin directory, as on a user's worker.
     */
    private static String workerClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').matches(".*/target/(test-)?classes/?"))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("qiao-"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private int busiestWorker() throws Exception {
        Map<String, Integer> tasks = new HashMap<>();
        for (String c : List.of("jackyun-warehouses", "warehouses-to-mariadb")) {
            runningTasks(c).forEach(w -> tasks.merge(w, 1, Integer::sum));
        }
        String worker = tasks.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        for (int i = 0; i < ports.size(); i++) {
            if (worker.endsWith(":" + ports.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no worker serves " + worker);
    }

    private List<String> runningTasks(String connector) throws Exception {
        return runningTasks(connector, ports.get(0));
    }

    /** The workers (host:port) of the connector's RUNNING tasks, as the REST API of the worker on port says. */
    private List<String> runningTasks(String connector, int port) throws Exception {
        JsonNode status = get(port, "/connectors/" + connector + "/status");
        List<String> out = new ArrayList<>();
        if (status == null || !"RUNNING".equals(status.path("connector").path("state").asText())) {
            return out;
        }
        for (JsonNode t : status.path("tasks")) {
            if ("RUNNING".equals(t.path("state").asText())) {
                out.add(t.path("worker_id").asText());
            }
        }
        return out;
    }

    private JsonNode get(int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void put(int port, String path, Map<String, String> config) throws Exception {
        String body = JSON.writeValueAsString(config);
        // a worker answers 409 while the group rebalances (as it does when the three join): ask again
        waitUntil(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2 && r.statusCode() != 409) {
                throw new AssertionError("PUT " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.statusCode() / 100 == 2;
        }, "PUT " + path);
    }

    private Map<String, String> truth() {
        Map<String, String> out = new TreeMap<>();
        jackyun.warehouses().forEach(w -> out.put(w.warehouseCode(), w.warehouseName()));
        return out;
    }

    private Map<String, String> table() {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT warehouse_code, warehouse_name FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            return Map.of(); // the sink has not added warehouse_name yet
        }
        return out;
    }

    private static void waitSaying(KafkaConnectPipelineIT.ThrowingBooleanSupplier condition,
            java.util.function.Supplier<String> what) throws Exception {
        try {
            KafkaConnectPipelineIT.waitUntil(condition, "it");
        } catch (AssertionError e) {
            throw new AssertionError("timed out waiting for " + what.get(), e);
        }
    }

    private List<String> differing() {
        Map<String, String> rows = table();
        return jackyun.warehouses().stream().filter(w -> !w.warehouseName().equals(rows.get(w.warehouseCode())))
                .map(Object::toString).limit(5).toList();
    }

    private long appliedCount() {
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + applied)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private int rowCount() {
        return table().size();
    }

    /** partition/offset → times written, for those written more than once. */
    private Map<String, Integer> appliedTwice() throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT kafka_partition, kafka_offset, COUNT(*) FROM " + applied
                     + " GROUP BY kafka_partition, kafka_offset HAVING COUNT(*) > 1")) {
            while (rs.next()) {
                out.put(rs.getInt(1) + "/" + rs.getLong(2), rs.getInt(3));
            }
        }
        return out;
    }

    private Map<Integer, Long> storedOffsets() {
        Map<Integer, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT job, `cursor` FROM " + offsets)) {
            while (rs.next()) {
                String job = rs.getString(1);
                out.put(Integer.parseInt(job.substring(job.lastIndexOf('/') + 1)), Long.parseLong(rs.getString(2)));
            }
        } catch (java.sql.SQLException e) {
            return Map.of();
        }
        return out;
    }

    private Map<Integer, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                ask.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            Map<Integer, Long> out = new TreeMap<>();
            admin.listOffsets(ask).all().get().forEach((tp, info) -> {
                if (info.offset() > 0) {
                    out.put(tp.partition(), info.offset());
                }
            });
            return out;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
