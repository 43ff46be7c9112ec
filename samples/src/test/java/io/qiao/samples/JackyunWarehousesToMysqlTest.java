package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.record.RecordCodec;
import io.qiao.sync.record.Rejection;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.Source;
import io.qiao.sync.SyncJob;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import io.qiao.sync.jdbc.JobLease;
import io.qiao.testkit.jackyun.JackyunDataSet;
import io.qiao.testkit.jackyun.JackyunFault;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JackyunWarehousesToMysqlTest {
    private static final String NAME = JackyunWarehousesToMysql.NAME;
    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = TestSupport.simulated(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void run_upsertsEveryWarehouse_withTheReconciliationMapping() throws SQLException {
        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(r.written()).isEqualTo(Simulators.WAREHOUSES);
        Map<String, Map<String, Object>> rows = rows();
        assertThat(rows).hasSize(Simulators.WAREHOUSES);
        JackyunDataSet.Warehouse blocked = ws.simulators().jackyun().data().warehouse(6); // index % 7 == 6: blocked
        JackyunDataSet.Warehouse thirdParty = ws.simulators().jackyun().data().warehouse(3); // type 2
        assertThat(rows.get(blocked.warehouseCode())).containsEntry("WAREHOUSE_NAME", blocked.warehouseName())
                .containsEntry("STATUS", 0).containsEntry("SOURCE_ID", 3).containsEntry("CREATE_BY", 1L)
                .containsEntry("RECONCILIATION_TYPE", null);
        assertThat(rows.get(thirdParty.warehouseCode())).containsEntry("WAREHOUSE_TYPE", 2).containsEntry("STATUS", 1);
        assertThat(rows.get(thirdParty.warehouseCode()).get("CREATE_TIME")).isNotNull();
    }

    @Test
    void rerun_fromScratch_writesNoSecondRow_andKeepsCreateTime() throws SQLException, InterruptedException {
        ws.job(NAME).runOnce();
        Map<String, Map<String, Object>> before = rows();
        Thread.sleep(1100); // update_time has whole seconds; let it move

        SyncReport again = ws.job(NAME, new InMemoryCheckpointStore()).runOnce();

        assertThat(again.written()).isEqualTo(Simulators.WAREHOUSES);
        Map<String, Map<String, Object>> after = rows();
        assertThat(after).hasSize(Simulators.WAREHOUSES);
        for (String code : before.keySet()) {
            assertThat(after.get(code).get("CREATE_TIME")).isEqualTo(before.get(code).get("CREATE_TIME"));
            assertThat(after.get(code).get("ID")).isEqualTo(before.get(code).get("ID"));
        }
        assertThat(after.values().iterator().next().get("UPDATE_TIME"))
                .isNotEqualTo(before.values().iterator().next().get("UPDATE_TIME"));
    }

    @Test
    void anotherReplicaHoldingTheLease_makesThisRunSkipItsTurn_untilTheLeaseIsReleased() throws SQLException {
        ws.job(NAME); // creates the tables
        JdbcCheckpointStore otherHost = JdbcCheckpointStore.builder(ws.database()).owner("other-host:/srv/qiao").build();
        JobLease held = otherHost.tryAcquireLease(NAME, Duration.ofMinutes(5)).orElseThrow();

        SyncReport skipped = ws.job(NAME).runOnce();

        assertThat(skipped.status()).isEqualTo(SyncReport.Status.SKIPPED_LEASE_HELD);
        assertThat(skipped.toString()).contains("other-host:/srv/qiao");
        assertThat(Qiao.exitCode(skipped)).isEqualTo(Qiao.OK);
        assertThat(rows()).isEmpty();

        held.release();
        SyncReport ran = ws.job(NAME).runOnce();

        assertThat(ran.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(rows()).hasSize(Simulators.WAREHOUSES);
    }

    @Test
    void aLeaseLeftByAKilledProcessOfThisReplica_isTakenBackAtOnce() {
        ws.job(NAME);
        // what a SIGKILLed run of the same host and state directory leaves behind: its lease, still live
        JdbcCheckpointStore.builder(ws.database()).owner(ws.leaseOwner()).build()
                .tryAcquireLease(NAME, Duration.ofMinutes(5)).orElseThrow();

        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(ws.leaseOwner()).contains(dir.toAbsolutePath().normalize().toString());
    }

    @Test
    void secondRun_resumesFromTheCheckpoint_andReadsNothingNew() {
        SyncReport first = ws.job(NAME).runOnce();
        SyncReport second = ws.job(NAME).runOnce();

        assertThat(second.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(second.checkpointBefore()).isEqualTo(first.checkpointAfter());
        assertThat(second.read()).isZero();
    }

    @Test
    void burstOf5xx_isRetried_andTheRunCompletes() throws SQLException {
        ws.simulators().jackyun().faults().next(JackyunFault.httpStatus(503), 2);

        SyncReport r = ws.job(NAME).runOnce();

        assertThat(r.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(ws.simulators().jackyun().faultCount()).isEqualTo(2);
        assertThat(rows()).hasSize(Simulators.WAREHOUSES);
    }

    @Test
    void refusedRead_failsWithoutMovingTheCheckpoint_thenTheNextRunCatchesUp() throws SQLException {
        ws.simulators().jackyun().faults().next(JackyunFault.subCode("0050030002", "参数错误"), 1);
        SyncReport failed = job(ws.warehouseSource()).runOnce();
        assertThat(failed.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(Qiao.exitCode(failed)).isEqualTo(Qiao.FAILED);
        assertThat(ws.checkpoints(NAME).load(NAME)).isEmpty();

        ws.simulators().jackyun().faults().clear();
        SyncReport resumed = ws.job(NAME).runOnce();

        assertThat(resumed.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(rows()).hasSize(Simulators.WAREHOUSES);
    }

    @Test
    void crashMidRun_keepsTheCommittedWindows_andTheRerunCompletesExactlyOnce() throws SQLException {
        Source<Warehouse> weekly = JackyunSources.warehousesBuilder(ws.jackyun()).maxWindow(Duration.ofDays(7))
                .initialWatermark(ws.simulators().dataStartInstant()).build();
        SyncReport crashed = job(TestSupport.crashingOnce(weekly, 2, 2)).runOnce();

        assertThat(crashed.status()).isEqualTo(SyncReport.Status.FAILED);
        assertThat(crashed.windows()).isEqualTo(2);
        Checkpoint afterCrash = ws.checkpoints(NAME).load(NAME).orElseThrow();
        int committed = rows().size();
        assertThat(committed).isBetween(1, Simulators.WAREHOUSES - 1);

        SyncReport rerun = job(weekly).runOnce();

        assertThat(rerun.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(rerun.checkpointBefore()).isEqualTo(afterCrash.position());
        assertThat(rerun.written()).isEqualTo(Simulators.WAREHOUSES - committed);
        assertThat(rows()).hasSize(Simulators.WAREHOUSES);
    }

    @Test
    void reconcile_findsARowChangedInTheTarget_andAMissingOne() throws SQLException {
        ws.job(NAME).runOnce();
        ws.database().execute("UPDATE warehouse SET warehouse_name = 'renamed' WHERE warehouse_code = 'WH000002'",
                "DELETE FROM warehouse WHERE warehouse_code = 'WH000003'");

        Reconcile.Result r = new Reconcile(ws, System.out).compare(NAME, ws.simulators().dataStartInstant(),
                ws.clock.instant());

        assertThat(r.compared()).isEqualTo(Simulators.WAREHOUSES);
        assertThat(r.differences()).containsExactlyInAnyOrder(
                "warehouse WH000002: warehouse_name '仓库2' in the source, 'renamed' in the target",
                "warehouse WH000003: missing in warehouse");
    }

    @Test
    void replay_readsTheDeadLettersWarehouseBack_andWritesIt() throws SQLException {
        Warehouse w = ws.jackyun().warehouses().list().iterator().next();
        String payload = RecordCodec.jackson(Warehouse.class).toJson(w);
        ws.deadLetters(NAME).add(NAME, JackyunSources.keyOf(w), payload, Rejection.Stage.WRITE,
                List.of("the database was read-only"), "[a, b)", ws.clock.instant());

        ReplayReport r = ws.job(NAME).replayOpen(10);

        assertThat(r.resolved()).hasSize(1);
        assertThat(rows()).containsOnlyKeys(w.warehouseCode());
        assertThat(ws.deadLetters(NAME).list(NAME, false, 10)).isEmpty();
    }

    private SyncJob<Warehouse, JackyunWarehousesToMysql.WarehouseRow> job(Source<Warehouse> source) {
        try {
            JackyunWarehousesToMysql.createTableIfMissing(ws.database(), ws.warehouseTable());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JackyunWarehousesToMysql.job(source, ws.database(), ws.warehouseTable(), ws.checkpoints(NAME),
                ws.deadLetters(NAME), ws.clock);
    }

    private Map<String, Map<String, Object>> rows() throws SQLException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        try (Connection c = ws.database().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM warehouse ORDER BY warehouse_code")) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                rows.put(rs.getString("warehouse_code"), row);
            }
        }
        return rows;
    }
}
