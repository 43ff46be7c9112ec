/**
 * What a job does to each record between source and sink: validate it ({@link io.qiao.sync.record.RecordValidator},
 * {@link io.qiao.sync.record.Rules}, {@link io.qiao.sync.record.Validators}), map it
 * ({@link io.qiao.sync.record.RecordMapper}, {@link io.qiao.sync.record.Mapped}), look up the target's keys
 * ({@link io.qiao.sync.record.Lookup}, {@link io.qiao.sync.record.Lookups}), and say why a record was refused
 * ({@link io.qiao.sync.record.Rejection}, {@link io.qiao.sync.record.Violation}) so that its dead letter carries
 * every reason.
 */
package io.qiao.sync.record;
