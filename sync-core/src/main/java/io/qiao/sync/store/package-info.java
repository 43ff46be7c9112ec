/**
 * Where a job keeps what must survive it: its checkpoint ({@link io.qiao.sync.store.CheckpointStore}, compare-and-set
 * on a version), its lease when several replicas run it ({@link io.qiao.sync.store.LeasingCheckpointStore}), and the
 * records it could not deliver ({@link io.qiao.sync.store.DeadLetterStore}, each with its reasons, replayable).
 * In-memory stores for tests, file stores for one host ({@link io.qiao.sync.store.FileCheckpointStore},
 * {@link io.qiao.sync.store.JsonLinesDeadLetterStore}); the JDBC stores live in {@code io.qiao.sync.jdbc}. Your own
 * implementation can run the contract suites of {@code qiao-sync-testkit}.
 */
package io.qiao.sync.store;
