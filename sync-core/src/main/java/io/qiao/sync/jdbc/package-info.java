/**
 * Qiao's JDBC parts, in plain {@code java.sql} (no driver at compile scope), for MySQL/MariaDB, PostgreSQL and
 * H2:
 *
 * <ul>
 *   <li>{@link io.qiao.sync.jdbc.JdbcUpsertSink}: idempotent upserts in multi-row statements, bad rows
 *       isolated as rejections, and the checkpoint committed in the batch's transaction;</li>
 *   <li>{@link io.qiao.sync.jdbc.JdbcSource}: incremental keyset reads by {@code (updated_at, id)};</li>
 *   <li>{@link io.qiao.sync.jdbc.JdbcCheckpointStore}: checkpoints by compare-and-set, and
 *       {@link io.qiao.sync.jdbc.JobLease job leases} so replicas of an application share jobs safely;</li>
 *   <li>{@link io.qiao.sync.jdbc.JdbcDeadLetterStore}: dead letters in a table.</li>
 * </ul>
 *
 * <p>Every table and column name a builder takes is checked when it is given, before any connection is taken
 * ({@code table} or {@code schema.table}, ASCII letters, digits, {@code _} and {@code $}), and quoted in every
 * statement; {@link io.qiao.sync.jdbc.SqlIdentifiers} offers the same check and quoting to code that builds its
 * own SQL around these tables.
 *
 * <pre>{@code
 * JdbcCheckpointStore checkpoints = JdbcCheckpointStore.builder(dataSource).owner(podName).build();
 * checkpoints.createTablesIfMissing();          // or run io/qiao/sync/jdbc/ddl/<dialect>/*.sql by hand
 * SyncJob job = SyncJob.builder("jackyun-warehouses")
 *     .source(...)
 *     .sink(JdbcUpsertSink.<WarehouseRow>into(dataSource, "warehouse").key("warehouse_code").build())
 *     .checkpoints(checkpoints)                  // same DataSource: batch + checkpoint in one transaction
 *     .deadLetters(JdbcDeadLetterStore.of(dataSource))
 *     .lease(Duration.ofMinutes(2))             // one replica runs it at a time; the others report SKIPPED_LEASE_HELD
 *     .build();
 * }</pre>
 *
 * <p>{@link io.qiao.sync.jdbc.JdbcCheckpointStore#runLeased runLeased} holds a job's lease around any other
 * work the same way.
 */
package io.qiao.sync.jdbc;
