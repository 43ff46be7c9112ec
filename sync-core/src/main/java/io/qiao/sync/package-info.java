/**
 * The incremental sync engine: a {@link io.qiao.sync.SyncJob} reads a {@link io.qiao.sync.Source} window by
 * window, validates ({@link io.qiao.sync.record.RecordValidator}, {@link io.qiao.sync.record.Validators},
 * {@link io.qiao.sync.record.Rules}), maps ({@link io.qiao.sync.record.RecordMapper}, {@link io.qiao.sync.record.Lookup}) and writes
 * batches to an idempotent {@link io.qiao.sync.Sink}; rejected records become dead letters
 * ({@link io.qiao.sync.store.DeadLetterStore}); each window's end (and, for windows that know it, the position after
 * each batch) becomes the job's checkpoint ({@link io.qiao.sync.store.CheckpointStore}) only once the records before it
 * are durable. Every run returns a
 * {@link io.qiao.sync.SyncReport} and emits {@link io.qiao.sync.observe.SyncListener} events (logging, status,
 * webhook alerts); {@link io.qiao.sync.SyncScheduler} runs jobs periodically and
 * {@link io.qiao.sync.Reconciler} checks that source and target agree.
 *
 * <p>Packages by role: this one (jobs, sources, sinks), {@code record} (validation and mapping), {@code store}
 * (checkpoints, leases, dead letters), {@code observe} (listeners, status, alerts), {@code jdbc} (databases).
 *
 * <p>Stores: in memory (tests), files ({@link io.qiao.sync.store.FileCheckpointStore},
 * {@link io.qiao.sync.store.JsonLinesDeadLetterStore}, {@link io.qiao.sync.observe.SyncStatusStore#inDirectory}) and JDBC
 * ({@code io.qiao.sync.jdbc}). Every store implementation passes the contract
 * suites of {@code qiao-sync-testkit}.
 */
package io.qiao.sync;
