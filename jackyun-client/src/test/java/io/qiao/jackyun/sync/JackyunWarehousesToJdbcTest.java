package io.qiao.jackyun.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.JdkHttpTransport;
import io.qiao.client.Json;
import io.qiao.client.RateLimit;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.store.InMemoryDeadLetterStore;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import io.qiao.testkit.jackyun.JackyunSimulator;
import io.qiao.testkit.jackyun.JackyunSimulatorExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The old integration (seeds/002: erp.warehouse.get -> MySQL table {@code warehouse} for reconciliation) as a
 * Qiao job: simulator -> SyncJob -> JDBC upsert sink, on embedded H2.
 */
class JackyunWarehousesToJdbcTest {
    private static final LocalDateTime MAY = LocalDateTime.of(2024, 5, 1, 0, 0);
    private static final Clock JOB_CLOCK = Clock.fixed(LocalDateTime.of(2024, 6, 2, 0, 0).atZone(Json.SHANGHAI)
            .toInstant(), ZoneOffset.UTC);

    @RegisterExtension
    static final JackyunSimulatorExtension JACKYUN = new JackyunSimulatorExtension(JackyunSimulator.builder()
            .dataSet(JackyunDataSet.builder().warehouses(2_500).modifiedBetween(MAY, MAY.plusMonths(1)).build()));

    /** The seed's columns: warehouse_code, warehouse_name, warehouse_type, plus what reconciliation needs. */
    record WarehouseRow(String warehouseCode, long warehouseId, String warehouseName, int warehouseType,
                        int status, LocalDateTime gmtModified) {
        static WarehouseRow from(Warehouse w) {
            return new WarehouseRow(w.warehouseCode(), w.warehouseId(), w.warehouseName(),
                    Integer.parseInt(w.warehouseTypeCode()), w.blockup() ? 0 : 1, w.gmtModified());
        }
    }

    @Test
    void warehouses_syncIntoTheWarehouseTable_equalTheSimulatorsData() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jackyun_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE warehouse (warehouse_code VARCHAR(32) PRIMARY KEY, warehouse_id BIGINT NOT NULL,"
                    + " warehouse_name VARCHAR(64), warehouse_type INT, status INT, gmt_modified TIMESTAMP)");
        }
        JackyunSimulator sim = JACKYUN.simulator();
        JackyunClient client = JackyunClient.builder()
                .endpoint(sim.endpoint())
                .credentials(JackyunCredentials.of(sim.appKey(), Secret.of(sim.appSecret())))
                .transport(JdkHttpTransport.builder().requestTimeout(Duration.ofSeconds(20)).build())
                .rateLimit(RateLimit.perSecond(100_000))
                .build();
        sim.faults().next(JackyunFault.throttled(), 1);
        SyncJob<Warehouse, WarehouseRow> job = SyncJob.builder("jackyun-warehouses-to-mysql")
                .source(JackyunSources.warehouses(client))
                .map(WarehouseRow::from)
                .sink(JdbcUpsertSink.<WarehouseRow>into(ds, "warehouse").key("warehouse_code").build())
                .checkpoints(new InMemoryCheckpointStore())
                .deadLetters(new InMemoryDeadLetterStore())
                .keyOf(JackyunSources::keyOf)
                .clock(JOB_CLOCK)
                .build();

        SyncReport first = job.runOnce();
        SyncReport second = job.runOnce();

        assertThat(first.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(first.written()).isEqualTo(2_500);
        assertThat(second.read()).isZero();
        List<WarehouseRow> expected = sim.data().warehouses().stream().map(w -> new WarehouseRow(w.warehouseCode(),
                w.warehouseId(), w.warehouseName(), Integer.parseInt(w.warehouseTypeCode()), w.blockup() ? 0 : 1,
                w.gmtModified())).toList();
        assertThat(rows(ds)).containsExactlyElementsOf(expected);
    }

    private static List<WarehouseRow> rows(JdbcDataSource ds) throws Exception {
        List<WarehouseRow> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT warehouse_code, warehouse_id, warehouse_name, warehouse_type, status,"
                     + " gmt_modified FROM warehouse ORDER BY warehouse_id")) {
            while (rs.next()) {
                out.add(new WarehouseRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getObject(6, LocalDateTime.class)));
            }
        }
        return out;
    }
}
