package io.qiao.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.sync.store.InMemoryCheckpointStore;
import io.qiao.sync.SyncReport;
import io.qiao.sync.jdbc.JdbcCheckpointStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipeline 1 into a real database server, in a schema of its own: run, re-run from scratch (nothing
 * duplicated), resume from the checkpoint. Subclasses name the server.
 */
abstract class JackyunWarehousesIntoServerContract {
    static final String SCHEMA = "qiao_samples_it";
    static final String TABLE = "qiao_samples_warehouse";
    private static final String NAME = JackyunWarehousesToMysql.NAME;

    @TempDir
    Path dir;
    Workspace ws;

    /** The JDBC url of the pipeline's own schema. */
    abstract String url();

    abstract String user();

    /** Creates the schema, over a connection to the server's default database. */
    abstract void createSchema() throws SQLException;

    @BeforeEach
    void open() throws SQLException {
        createSchema();
        try (Connection c = DriverManager.getConnection(url(), user(), ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("DROP TABLE IF EXISTS " + JdbcCheckpointStore.DEFAULT_TABLE);
            s.execute("DROP TABLE IF EXISTS qiao_dead_letter");
        }
        ws = new Workspace(Settings.of(Map.of("state-dir", dir.toString(), "simulate", "true", "jdbc.url", url(),
                "jdbc.user", user(), "warehouse-table", TABLE)), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void run_rerun_andResume() throws SQLException {
        SyncReport first = ws.job(NAME).runOnce();
        assertThat(first.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
        assertThat(count()).isEqualTo(Simulators.WAREHOUSES);
        assertThat(ws.checkpoints(NAME).load(NAME)).isPresent();

        SyncReport again = ws.job(NAME, new InMemoryCheckpointStore()).runOnce();
        assertThat(again.written()).isEqualTo(Simulators.WAREHOUSES);
        assertThat(count()).isEqualTo(Simulators.WAREHOUSES);

        SyncReport resumed = ws.job(NAME).runOnce();
        assertThat(resumed.checkpointBefore()).isEqualTo(first.checkpointAfter());
        assertThat(resumed.read()).isZero();
        try (Connection c = DriverManager.getConnection(url(), user(), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, source_id, warehouse_type FROM " + TABLE
                     + " WHERE warehouse_code = 'WH000007'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero(); // blocked
            assertThat(rs.getInt(2)).isEqualTo(3);
            assertThat(rs.getInt(3)).isEqualTo(1);
        }
    }

    private long count() throws SQLException {
        return Demo.count(ws.database(), TABLE);
    }
}
