package io.qiao.sync;

import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.record.RecordCodec;
import io.qiao.sync.record.RecordMapper;
import io.qiao.sync.record.RecordValidator;
import io.qiao.sync.observe.SyncListener;
import dev.failsafe.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What a {@link SyncJob} is, as its builder made it: what runs, replays and admin operations read. Immutable
 * (the builder copied the lists).
 *
 * @param validator all validators combined, or null when there are none
 * @param mapper the mapper that may reject or skip, or null when {@code plainMapper} maps
 * @param plainMapper the plain mapper, or null when {@code mapper} maps
 * @param retryPolicy the retries of every step of a run (built from the job's {@code RetryOptions})
 * @param keyOf the business key of a source record, or null when dead letters are not keyed
 * @param leaseTtl the lease's time to live, or null when the job runs without a lease
 */
record JobDefinition<I, O>(
        String name,
        Source<I> source,
        RecordValidator<? super I> validator,
        RecordMapper<? super I, ? extends O> mapper,
        Function<? super I, ? extends O> plainMapper,
        Sink<? super O> sink,
        CheckpointStore checkpoints,
        DeadLetterStore deadLetters,
        int batchSize,
        int fetchAhead,
        int readers,
        RetryPolicy<Object> retryPolicy,
        List<SyncListener> listeners,
        Clock clock,
        Function<? super I, ?> keyOf,
        RecordCodec<I> codec,
        Duration leaseTtl) {
}
