package io.qiao.connect.k39;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a Kafka 3.9 Connect worker (Kafka's own {@link EmbeddedConnectCluster} 3.9.1: a KRaft broker and one
 * distributed worker in this JVM) loads Qiao's connectors from the built plugin directory, as a user's worker does
 * (none of Qiao's connector classes are on this module's class path), and runs 吉客云 warehouses → topic → MariaDB.
 */
class Kafka39WorkerIT {
    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String TOPIC = "jackyun-warehouses";
    private static final String SOURCE = "io.qiao.connect.QiaoSourceConnector";
    private static final String SINK = "io.qiao.connect.QiaoJdbcSinkConnector";
    private static final int WAREHOUSES = 40;
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    /** What {@code ./mvnw -pl kafka-connect -am package} builds; this module runs in kafka-connect/kafka39-check. */
    private static final Path PLUGIN_DIR = Path.of("..", "target", "plugin", "qiao-kafka-connect").toAbsolutePath().normalize();

    private JackyunSimulator jackyun;
    private EmbeddedConnectCluster connect;
    private String table;
    private String offsets;
    private String pluginVersion;

    @BeforeEach
    void start() throws Exception {
        assertThat(Files.isDirectory(PLUGIN_DIR))
                .as("the connectors' plugin directory %s is missing: build it with ./mvnw -pl kafka-connect -am package", PLUGIN_DIR)
                .isTrue();
        try (var jars = Files.list(PLUGIN_DIR)) {
            // qiao-kafka-connect-<version>.jar: the version the worker must report for the connectors
            pluginVersion = jars.map(p -> p.getFileName().toString()).filter(j -> j.startsWith("qiao-kafka-connect-"))
                    .map(j -> j.substring("qiao-kafka-connect-".length(), j.length() - ".jar".length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no qiao-kafka-connect jar in " + PLUGIN_DIR));
        }
        jackyun = JackyunSimulator.builder()
                .dataSet(JackyunDataSet.builder().warehouses(WAREHOUSES).modifiedBetween(MAY, MAY.plusMonths(1)).build())
                .build().start();
        Map<String, String> worker = new HashMap<>();
        // the parent of the plugin directory, as the README tells users: each child is one plugin with its own loader
        worker.put("plugin.path", PLUGIN_DIR.getParent().toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "500");
        connect = new EmbeddedConnectCluster.Builder().name("qiao-k39").numWorkers(1).numBrokers(1)
                .workerProps(worker).build();
        connect.start();
        connect.kafka().createTopic(TOPIC, 1);
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        table = "k39_wh_" + id;
        offsets = "k39_off_" + id;
    }

    @AfterEach
    void stop() throws Exception {
        if (connect != null) {
            connect.stop();
        }
        if (jackyun != null) {
            jackyun.stop();
        }
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("DROP TABLE IF EXISTS " + offsets);
        }
    }

    @Test
    void aKafka39Worker_loadsTheConnectorsFromThePluginDirectory_andRunsWarehousesIntoMariaDb() throws Exception {
        assertThat(AppInfoParser.getVersion()).as("the worker's Kafka version").startsWith("3.9.");
        assertThatThrownBy(() -> Class.forName(SOURCE)).as("Qiao's connectors must come from plugin.path only")
                .isInstanceOf(ClassNotFoundException.class);
        Map<String, String> source = new HashMap<>();
        source.put("connector.class", SOURCE);
        source.put("tasks.max", "1");
        source.put("qiao.source", "jackyun.warehouses");
        source.put("qiao.endpoint", jackyun.endpoint().toString());
        source.put("qiao.app.key", jackyun.appKey());
        source.put("qiao.app.secret", jackyun.appSecret());
        source.put("qiao.since", "2024-04-25");
        source.put("qiao.window", "30d");
        source.put("qiao.settle.delay", "0s");
        source.put("qiao.poll.interval", "1s");
        source.put("qiao.batch.size", "50");
        source.put("topic", TOPIC);
        json(source);
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", SINK);
        sink.put("tasks.max", "1");
        sink.put("topics", TOPIC);
        sink.put("connection.url", URL);
        sink.put("connection.user", "root");
        sink.put("table", table);
        sink.put("key.fields", "warehouseCode");
        sink.put("offsets.table", offsets);
        json(sink);

        connect.configureConnector("jackyun-warehouses", source);
        connect.configureConnector("warehouses-to-mariadb", sink);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("jackyun-warehouses", 1, "source not running");
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("warehouses-to-mariadb", 1, "sink not running");

        Map<String, String> truth = new TreeMap<>();
        jackyun.warehouses().forEach(w -> truth.put(w.warehouseCode(), w.warehouseName()));
        waitUntil(() -> table().equals(truth), "the table to equal the simulator's warehouses");
        assertThat(table()).hasSize(WAREHOUSES);
        // the REST API reports the plugin's version, read from the jar in the plugin directory
        String plugins = connect.executeGet(connect.endpointForResource("connector-plugins"));
        assertThat(plugins).contains(SOURCE).contains(SINK).contains("\"version\":\"" + pluginVersion + "\"");
        assertThat(jackyun.rejectedCount()).as("requests the vendor refused").isZero();
    }

    private static void json(Map<String, String> config) {
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
    }

    private Map<String, String> table() {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(URL, "root", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT warehouse_code, warehouse_name FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            return Map.of(); // not created yet
        }
        return out;
    }

    /** An IT may wait for a distributed system; it fails with what it waited for after two minutes. */
    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }
}
