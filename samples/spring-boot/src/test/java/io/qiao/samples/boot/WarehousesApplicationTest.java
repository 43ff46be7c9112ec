package io.qiao.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.spring.boot.QiaoJobStatus;
import io.qiao.sync.SyncReport;
import io.qiao.testkit.jackyun.JackyunSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample as shipped (its application.properties), on the simulator: the warehouses land in its database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarehousesApplicationTest {
    static final JackyunSimulator simulator = JackyunSimulator.builder().build().start();

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        WarehousesApplication.simulatorProperties(simulator).forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Autowired
    DataSource db;
    @Autowired
    QiaoJobStatus status;
    @LocalServerPort
    int port;

    @Test
    void theScheduledJob_copiesEveryWarehouseIntoTheTable_andTheEndpointShowsIt() throws Exception {
        // Bounds a hang only: the first scheduled run starts with the application.
        for (int i = 0; i < 1200 && status.lastReport(WarehousesJob.NAME).isEmpty(); i++) {
            Thread.sleep(100);
        }
        SyncReport report = status.lastReport(WarehousesJob.NAME).orElseThrow();
        assertThat(report.failed()).as(report.errorSummary()).isFalse();
        assertThat(rows()).isEqualTo(simulator.warehouses().size() - (int) report.deadLettered());
        HttpResponse<String> qiao = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/qiao")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(qiao.statusCode()).isEqualTo(200);
        assertThat(qiao.body()).contains(WarehousesJob.NAME).contains("\"checkpoint\"");
    }

    private int rows() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM warehouse")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
