/**
 * The incremental sync engine: a {@link io.qiao.sync.SyncJob} reads a {@link io.qiao.sync.Source} window by
 * window, validates ({@link io.qiao.sync.RecordValidator}, {@link io.qiao.sync.Validators},
 * {@link io.qiao.sync.Rules}), maps ({@link io.qiao.sync.RecordMapper}, {@link io.qiao.sync.Lookup}) and writes
 * batches to an idempotent {@link io.qiao.sync.Sink}; rejected records become dead letters
 * ({@link io.qiao.sync.DeadLetterStore}); each window's end (and, for windows that know it, the position after
 * each batch) becomes the job's checkpoint ({@link io.qiao.sync.CheckpointStore}) only once the records before it
 * are durable. Every run returns a
 * {@link io.qiao.sync.SyncReport} and emits {@link io.qiao.sync.SyncListener} events (logging, status,
 * webhook alerts); {@link io.qiao.sync.SyncScheduler} runs jobs periodically and
 * {@link io.qiao.sync.Reconciler} checks that source and target agree.
 *
 * <p>Stores: in memory (tests), files ({@link io.qiao.sync.FileCheckpointStore},
 * {@link io.qiao.sync.JsonLinesDeadLetterStore}, {@link io.qiao.sync.SyncStatusStore#inDirectory}) and JDBC
 * ({@code io.qiao.sync.jdbc}). Every store implementation passes the contract tests shipped in this module's
 * test jar ({@code CheckpointStoreContract}, {@code DeadLetterStoreContract}).
 */
package io.qiao.sync;
