package io.qiao.samples;

import io.qiao.client.Json;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.LeasingCheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.record.Mapped;
import io.qiao.sync.record.Rules;
import io.qiao.sync.Source;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import io.qiao.sync.jdbc.SqlIdentifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Quick start 1: 吉客云 warehouses ({@code erp.warehouse.get}, incremental by gmtModified) upserted into the
 * reconciliation table {@code warehouse} of a MySQL database, as the old QEasy integration did (seeds/002), but
 * safe to repeat: the key is {@code warehouse_code}, {@code create_time} is written only when the row is inserted,
 * and the checkpoint commits in the same transaction as a window's last batch of rows when it lives in the same
 * database.
 */
public final class JackyunWarehousesToMysql {
    public static final String NAME = "jackyun-warehouses-to-mysql";
    /**
     * How long the pipeline's lease lasts without renewal (it is renewed every third of it): how soon another
     * replica takes over from one that died. A restarted process of the same replica takes it back at once.
     */
    static final Duration LEASE_TTL = Duration.ofMinutes(2);
    public static final String DEFAULT_TABLE = "warehouse";
    /** The reconciliation system's code for 吉客云 as a source ({@code source_id}). */
    public static final int SOURCE_JACKYUN = 3;

    private JackyunWarehousesToMysql() {
    }

    /** One row of the {@code warehouse} table; component names become its snake_case columns. */
    public record WarehouseRow(String warehouseCode, String warehouseName, Integer warehouseType, int sourceId,
                               int status, long createBy, LocalDateTime createTime, LocalDateTime updateTime,
                               Integer reconciliationType) {
    }

    /**
     * The job. {@code checkpoints} should be a {@code JdbcCheckpointStore} on {@code db} itself: the engine then
     * commits each window's last batch and its checkpoint in one transaction. The vendor does not document the order
     * of a window's warehouses, so the checkpoint cannot stop inside a window: a run that dies mid-window leaves its
     * earlier batches written and the next run upserts the window again, harmlessly. With a
     * store that can lease, the job runs under the pipeline's lease ({@link #LEASE_TTL}): a replica of the pipeline
     * on another host against the same database skips its turn instead of doing the same work twice.
     */
    public static SyncJob<Warehouse, WarehouseRow> job(Source<Warehouse> source, DataSource db, String table,
                                                       CheckpointStore checkpoints, DeadLetterStore deadLetters,
                                                       Clock clock, SyncListener... listeners) {
        return job(source, db, table, 1, checkpoints, deadLetters, clock, listeners);
    }

    /**
     * As above, with the sink's parallel writer: {@code writers} connections write each batch, split by warehouse code
     * ({@code JdbcUpsertSink.Builder.writers}; the checkpoint then commits after the batch's rows, in its own
     * transaction).
     */
    public static SyncJob<Warehouse, WarehouseRow> job(Source<Warehouse> source, DataSource db, String table,
                                                       int writers, CheckpointStore checkpoints,
                                                       DeadLetterStore deadLetters, Clock clock,
                                                       SyncListener... listeners) {
        SyncJob.Builder<Warehouse, WarehouseRow> b = SyncJob.builder(NAME)
                .source(source)
                .validate(Rules.<Warehouse>all(
                        Rules.required("warehouseCode", Warehouse::warehouseCode),
                        Rules.maxLength("warehouseCode", Warehouse::warehouseCode, 64),
                        Rules.maxLength("warehouseName", Warehouse::warehouseName, 255),
                        Rules.matches("warehouseTypeCode", Warehouse::warehouseTypeCode, "\\d{1,9}")))
                .mapOrReject(w -> Mapped.to(toRow(w, clock)))
                .sink(JdbcUpsertSink.<WarehouseRow>into(db, table)
                        .key("warehouse_code")
                        .insertOnly("create_time")
                        .writers(writers)
                        .build())
                .keyOf(JackyunSources::keyOf)
                .recordType(Warehouse.class)
                .checkpoints(checkpoints)
                .deadLetters(deadLetters)
                .clock(clock);
        if (checkpoints instanceof LeasingCheckpointStore) {
            b.lease(LEASE_TTL);
        }
        for (SyncListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    /** The mapping of seeds/002: type from warehouseTypeCode, source 3, status 1 active / 0 blocked, creator 1. */
    static WarehouseRow toRow(Warehouse w, Clock clock) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), Json.SHANGHAI).truncatedTo(ChronoUnit.SECONDS);
        Integer type = w.warehouseTypeCode() == null ? null : Integer.valueOf(w.warehouseTypeCode());
        return new WarehouseRow(w.warehouseCode(), w.warehouseName(), type, SOURCE_JACKYUN, w.blockup() ? 0 : 1, 1L,
                now, now, null);
    }

    /**
     * Creates the table when it does not exist, with the DDL of the database's dialect. The name is checked before
     * the database is opened and quoted as the sink quotes it, so the table made here is the one the sink writes.
     */
    static void createTableIfMissing(Database db, String table) throws SQLException {
        SqlIdentifiers.checkTable("--warehouse-table", table);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(ddl(db.kind(), SqlIdentifiers.quoteTable(c, "--warehouse-table", table)));
        }
    }

    /** The DDL of the table; {@code quotedTable} comes from {@link SqlIdentifiers#quoteTable}, never from input. */
    static String ddl(Database.Kind kind, String quotedTable) {
        return switch (kind) {
            case MYSQL -> "CREATE TABLE IF NOT EXISTS " + quotedTable + " (\n"
                    + "  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
                    + "  warehouse_code VARCHAR(64) NOT NULL,\n"
                    + "  warehouse_name VARCHAR(255) NULL,\n"
                    + "  warehouse_type INT NULL,\n"
                    + "  source_id INT NOT NULL,\n"
                    + "  status TINYINT NOT NULL,\n"
                    + "  create_by BIGINT NULL,\n"
                    + "  create_time DATETIME NULL,\n"
                    + "  update_time DATETIME NULL,\n"
                    + "  reconciliation_type INT NULL,\n"
                    // MySQL names indexes per table: a fixed name serves every table (one made from the table's name
                    // could pass the 64-character limit).
                    + "  UNIQUE KEY uk_warehouse_code (warehouse_code)\n"
                    + ") DEFAULT CHARSET = utf8mb4";
            case POSTGRESQL -> "CREATE TABLE IF NOT EXISTS " + quotedTable + " (\n"
                    + "  id BIGSERIAL PRIMARY KEY,\n"
                    + "  warehouse_code VARCHAR(64) NOT NULL UNIQUE,\n"
                    + "  warehouse_name VARCHAR(255),\n"
                    + "  warehouse_type INT,\n"
                    + "  source_id INT NOT NULL,\n"
                    + "  status SMALLINT NOT NULL,\n"
                    + "  create_by BIGINT,\n"
                    + "  create_time TIMESTAMP,\n"
                    + "  update_time TIMESTAMP,\n"
                    + "  reconciliation_type INT\n"
                    + ")";
            case H2 -> "CREATE TABLE IF NOT EXISTS " + quotedTable + " (\n"
                    + "  id BIGINT AUTO_INCREMENT PRIMARY KEY,\n"
                    + "  warehouse_code VARCHAR(64) NOT NULL UNIQUE,\n"
                    + "  warehouse_name VARCHAR(255),\n"
                    + "  warehouse_type INT,\n"
                    + "  source_id INT NOT NULL,\n"
                    + "  status TINYINT NOT NULL,\n"
                    + "  create_by BIGINT,\n"
                    + "  create_time TIMESTAMP,\n"
                    + "  update_time TIMESTAMP,\n"
                    + "  reconciliation_type INT\n"
                    + ")";
        };
    }
}
