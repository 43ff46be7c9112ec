package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.store.LeasingCheckpointStore;
import io.qiao.sync.record.LookupMissException;
import io.qiao.sync.record.RecordCodec;
import io.qiao.sync.record.RecordMapper;
import io.qiao.sync.record.RecordValidator;
import io.qiao.sync.observe.SyncListener;
import io.qiao.sync.record.Validators;
import io.qiao.sync.record.Violation;
import dev.failsafe.RetryPolicy;
import io.qiao.client.RetryOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One incremental sync: a {@link Source}, validators, a mapper and a {@link Sink}, with a
 * {@link CheckpointStore} that remembers how far the job got and a {@link DeadLetterStore} for records that
 * cannot be delivered.
 *
 * <pre>{@code
 * SyncJob<Warehouse, WarehouseRow> job = SyncJob.builder("jackyun-warehouses")
 *     .source(JackyunSources.warehouses(jackyun))
 *     .validate(Validators.beanValidation())
 *     .map(WarehouseRow::from)
 *     .sink(sink)
 *     .checkpoints(checkpointStore)
 *     .deadLetters(deadLetterStore)
 *     .build();
 * SyncReport report = job.runOnce();
 * }</pre>
 *
 * <p>What a run guarantees: a window's checkpoint moves (by compare-and-set) only after the sink wrote every
 * record of the window and the window's dead letters are durable; a window that still fails after retries
 * ends the run FAILED with the checkpoint before it; one bad record never fails a batch. Reading runs ahead
 * of writing on a background thread through a bounded queue, so a slow sink slows the reads (memory stays
 * flat) and a slow source does not idle the sink; records keep their order within a window.
 *
 * <p>Immutable and thread-safe; a job runs at most once at a time ({@link #runOnce()} refuses a second
 * concurrent run). With {@link Builder#lease(Duration)}, replicas of the host application that share a
 * {@link LeasingCheckpointStore} also run it one at a time: each run first takes the job's lease there.
 *
 * <p>Where to look: what a job is lives in {@code JobDefinition}, how one run goes in {@code SyncRun} and its
 * parts, what an operator does between runs in {@link SyncJobAdmin} ({@link #admin()}). This file is longer than
 * the others (about 440 lines) because its {@link Builder}, one documented setter per setting, must stay nested as
 * {@code SyncJob.Builder} (users name that type), and the admin operations keep deprecated delegates here until
 * they are removed.
 *
 * @param <I> the source record type
 * @param <O> the sink record type
 */
public final class SyncJob<I, O> {
    private final JobDefinition<I, O> definition;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile SyncRun<I, O> current;
    private final SyncJobAdmin<I, O> admin = new SyncJobAdmin<>(this);

    @SuppressWarnings("unchecked")
    private SyncJob(Builder<I, O> b) {
        this.definition = new JobDefinition<>(b.name, (Source<I>) b.source,
                b.validators.isEmpty() ? null : combine((List<RecordValidator<? super I>>) (List<?>) b.validators),
                (RecordMapper<? super I, ? extends O>) b.mapper, (Function<? super I, ? extends O>) b.plainMapper,
                (Sink<? super O>) b.sink, b.checkpoints, b.deadLetters, b.batchSize, b.fetchAhead, b.readers,
                b.retryPolicy, List.copyOf(b.listeners), b.clock, (Function<? super I, ?>) b.keyOf,
                b.codec != null ? (RecordCodec<I>) b.codec : RecordCodec.writeOnly(), b.leaseTtl);
    }

    /** Starts a job definition; {@code name} keys its checkpoint, dead letters and status. */
    public static Builder<Object, Object> builder(String name) {
        return new Builder<>(name);
    }

    /** The job's name, which keys its checkpoint, dead letters, lease and status. */
    public String name() {
        return definition.name();
    }

    /** "Now" for window planning, dead-letter times and reports. */
    public Clock clock() {
        return definition.clock();
    }

    public DeadLetterStore deadLetters() {
        return definition.deadLetters();
    }

    public CheckpointStore checkpoints() {
        return definition.checkpoints();
    }

    /**
     * Runs the job once: from the committed checkpoint through every window the source plans now. Never
     * throws for a failure of the data flow: the report says FAILED and carries the error.
     *
     * <p>With a {@link Builder#lease lease}, the run first takes the job's lease; when another owner holds it,
     * the run reads and writes nothing and reports {@link SyncReport.Status#SKIPPED_LEASE_HELD} with the
     * holder. If the lease is lost mid-run, the store refuses the next commit and the run ends FAILED.
     *
     * @throws IllegalStateException when this job is already running
     */
    public SyncReport runOnce() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("job '" + name() + "' is already running; a job never runs twice at once");
        }
        try {
            SyncRun<I, O> run = new SyncRun<>(definition);
            current = run;
            return run.execute();
        } finally {
            current = null;
            running.set(false);
        }
    }

    /** Whether a run is in progress. */
    public boolean isRunning() {
        return running.get();
    }

    /**
     * Asks the current run, if any, to stop after the batch it is writing: that batch is finished, and
     * committed if it completes a window (or its window can say its position after it, {@link Window#positionAfter});
     * the rest of the window is read again next run. Returns at once.
     */
    public void requestStop() {
        SyncRun<I, O> run = current;
        if (run != null) {
            run.requestStop();
        }
    }

    /**
     * The operations an operator runs on this job between runs: replay dead letters, read or reset the
     * checkpoint, purge and summarise dead letters. Kept apart from the definition so that what a job is and
     * what can be done to its stored state read separately.
     */
    public SyncJobAdmin<I, O> admin() {
        return admin;
    }

    /**
     * Replays the chosen open dead letters of this job.
     *
     * @deprecated use {@code admin().replay(ids)} ({@link SyncJobAdmin#replay(List)})
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public ReplayReport replay(List<String> ids) {
        return admin.replay(ids);
    }

    /**
     * Replays the oldest {@code limit} open dead letters of this job.
     *
     * @deprecated use {@code admin().replayOpen(limit)} ({@link SyncJobAdmin#replayOpen(int)})
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public ReplayReport replayOpen(int limit) {
        return admin.replayOpen(limit);
    }

    /**
     * The job's committed checkpoint, or empty before its first committed window.
     *
     * @deprecated use {@code admin().checkpoint()} ({@link SyncJobAdmin#checkpoint()})
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public java.util.Optional<Checkpoint> checkpoint() {
        return admin.checkpoint();
    }

    /**
     * Moves the job's checkpoint to {@code position}.
     *
     * @deprecated use {@code admin().resetCheckpoint(position)} ({@link SyncJobAdmin#resetCheckpoint(Position)})
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public Checkpoint resetCheckpoint(Position position) {
        return admin.resetCheckpoint(position);
    }

    /**
     * Deletes this job's dead letters (resolved ones only, or all); returns how many.
     *
     * @deprecated use {@code admin().purgeDeadLetters(resolvedOnly)} ({@link SyncJobAdmin#purgeDeadLetters(boolean)})
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public int purgeDeadLetters(boolean resolvedOnly) {
        return admin.purgeDeadLetters(resolvedOnly);
    }

    /**
     * Open dead letters last seen within {@code lookback} of now, grouped by normalised reason.
     *
     * @deprecated use {@code admin().deadLetterSummary(lookback)} ({@link SyncJobAdmin#deadLetterSummary(Duration)})
     */
    @Deprecated(since = "0.2", forRemoval = true)
    public Map<String, Long> deadLetterSummary(Duration lookback) {
        return admin.deadLetterSummary(lookback);
    }

    /** What this job is, for its runs, replays and admin operations. */
    JobDefinition<I, O> definition() {
        return definition;
    }

    @Override
    public String toString() {
        JobDefinition<I, O> d = definition;
        return "SyncJob{" + d.name() + ", batchSize=" + d.batchSize() + ", fetchAhead=" + d.fetchAhead() + ", readers="
                + d.readers() + (d.leaseTtl() == null ? "" : ", lease=" + d.leaseTtl()) + "}";
    }

    private static <T> RecordValidator<T> combine(List<RecordValidator<? super T>> validators) {
        if (validators.size() == 1) {
            RecordValidator<? super T> only = validators.get(0);
            return only::validate;
        }
        return record -> {
            List<Violation> all = new ArrayList<>();
            for (RecordValidator<? super T> v : validators) {
                all.addAll(v.validate(record));
            }
            return all;
        };
    }

    /**
     * Builds a {@link SyncJob}. Call {@code source} first (it fixes the record type), then {@code validate},
     * then {@code map} (it fixes the sink type), then the rest in any order.
     *
     * @param <I> source record type
     * @param <O> sink record type
     */
    public static final class Builder<I, O> {
        private final String name;
        private Source<?> source;
        private final List<RecordValidator<?>> validators = new ArrayList<>();
        private RecordMapper<?, ?> mapper;
        private Function<?, ?> plainMapper = Function.identity();
        private Sink<?> sink;
        private CheckpointStore checkpoints;
        private DeadLetterStore deadLetters;
        private int batchSize = 1000;
        private int fetchAhead = 4;
        private int readers = 1;
        private RetryPolicy<Object> retryPolicy = SyncRetry.policy(SyncRetry.defaultOptions());
        private final List<SyncListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Function<?, ?> keyOf;
        private RecordCodec<?> codec;
        private Duration leaseTtl;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("job name must not be blank");
            }
            this.name = name;
        }

        @SuppressWarnings("unchecked")
        public <T> Builder<T, T> source(Source<T> source) {
            this.source = Objects.requireNonNull(source, "source");
            return (Builder<T, T>) this;
        }

        /** Adds a validator; all run, and every violation of a record is kept. */
        public Builder<I, O> validate(RecordValidator<? super I> validator) {
            validators.add(Objects.requireNonNull(validator, "validator"));
            return this;
        }

        /** Maps each valid record; a thrown {@link LookupMissException} makes a LOOKUP dead letter. */
        @SuppressWarnings("unchecked")
        public <R> Builder<I, R> map(Function<? super I, ? extends R> mapper) {
            this.plainMapper = Objects.requireNonNull(mapper, "mapper");
            this.mapper = null;
            return (Builder<I, R>) this;
        }

        /** Maps each valid record with a mapper that may reject or skip it. */
        @SuppressWarnings("unchecked")
        public <R> Builder<I, R> mapOrReject(RecordMapper<? super I, R> mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            this.plainMapper = null;
            return (Builder<I, R>) this;
        }

        public Builder<I, O> sink(Sink<? super O> sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        public Builder<I, O> checkpoints(CheckpointStore checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            return this;
        }

        public Builder<I, O> deadLetters(DeadLetterStore deadLetters) {
            this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
            return this;
        }

        /** Records per sink write, independent of the source's page size; default 1000. */
        public Builder<I, O> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** How many batches reading may run ahead of writing (the bounded queue); default 4. */
        public Builder<I, O> fetchAhead(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("fetchAhead must be at least 1 batch, was " + batches);
            }
            this.fetchAhead = batches;
            return this;
        }

        /**
         * How many windows are read at the same time, each by its own thread; default 1. A window's pages are
         * read in order (continuation tokens), so parallel reading only spreads windows: worth it for long
         * backfills from a slow API. Checkpoints still advance window by window in order. Only for sources
         * whose windows may be read concurrently (TimeWindowSource's are; check a custom source).
         */
        public Builder<I, O> readers(int readers) {
            if (readers < 1) {
                throw new IllegalArgumentException("readers must be at least 1, was " + readers);
            }
            this.readers = readers;
            return this;
        }

        /**
         * How a run retries a step that failed transiently ({@link SyncRetry#isTransient}): a sink batch, a window
         * read (again from the window's first record), a dead-letter write, a checkpoint commit. Default
         * {@link SyncRetry#defaultOptions()}: 4 attempts, 500 ms doubling to 30 s. {@link RetryOptions#disabled()}
         * makes the first failure fail the window.
         *
         * <p>Nested retries multiply: a window read goes through a client that retries each request itself, so one
         * page that keeps failing causes at most {@code clientAttempts × maxAttempts} HTTP requests (12 with both
         * defaults). To bound that, at most {@link SyncRetry#MAX_ATTEMPTS} (10) attempts are accepted here.
         *
         * @throws IllegalArgumentException when {@code retry} allows more than {@link SyncRetry#MAX_ATTEMPTS}
         */
        public Builder<I, O> retry(RetryOptions retry) {
            Objects.requireNonNull(retry, "retry");
            if (retry.maxAttempts() > SyncRetry.MAX_ATTEMPTS) {
                throw new IllegalArgumentException("retry.maxAttempts must be at most " + SyncRetry.MAX_ATTEMPTS
                        + " for a sync job (each attempt at a window may make the client's own attempts), was "
                        + retry.maxAttempts());
            }
            this.retryPolicy = SyncRetry.policy(retry);
            return this;
        }

        /**
         * The Failsafe policy for transient failures.
         *
         * @deprecated a Failsafe type in Qiao's API, and unbounded; use {@link #retry(RetryOptions)}
         */
        @Deprecated(since = "0.2", forRemoval = true)
        public Builder<I, O> retry(RetryPolicy<Object> retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder<I, O> listener(SyncListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** "Now" for window planning, dead-letter times and reports; default the UTC system clock. */
        public Builder<I, O> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The business key of a source record (io_id, archive_no), stored with its dead letter so that the same
         * record rejected again updates one entry instead of adding another.
         */
        public Builder<I, O> keyOf(Function<? super I, ?> keyOf) {
            this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
            return this;
        }

        /** Lets replays read dead letters back as {@code type} (Jackson with Qiao's conventions). */
        public Builder<I, O> recordType(Class<I> type) {
            this.codec = RecordCodec.jackson(type);
            return this;
        }

        public Builder<I, O> recordCodec(RecordCodec<I> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Runs the job only under its lease in the checkpoint store, which must be a
         * {@link LeasingCheckpointStore}: of several replicas of the host application, one runs the job at a
         * time and the others skip ({@link SyncReport.Status#SKIPPED_LEASE_HELD}). The lease is taken before
         * anything is read, renewed every third of {@code ttl} while the run goes on, and released when it ends,
         * failed or not; if the replica dies, the lease runs out after {@code ttl} and another takes the job.
         *
         * <p>Pick {@code ttl} well above a renewal's worst delay (a GC pause, a slow database), e.g. 2 minutes:
         * a replica that cannot renew in time loses the job and its next commit is refused. Leases are per
         * owner of the store, so give each replica its own ({@code JdbcCheckpointStore.Builder.owner}).
         */
        public Builder<I, O> lease(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
            }
            if (ttl.compareTo(MAX_LEASE_TTL) > 0) {
                // a replica that died would hold the job that long
                throw new IllegalArgumentException("lease ttl must be at most " + MAX_LEASE_TTL + ", was " + ttl);
            }
            this.leaseTtl = ttl;
            return this;
        }

        /** The longest lease {@link #lease} accepts: one day. */
        public static final Duration MAX_LEASE_TTL = Duration.ofDays(1);

        public SyncJob<I, O> build() {
            List<String> missing = new ArrayList<>();
            if (source == null) missing.add("source");
            if (sink == null) missing.add("sink");
            if (checkpoints == null) missing.add("checkpoints");
            if (deadLetters == null) missing.add("deadLetters");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("sync job '" + name + "' is missing " + String.join(", ", missing));
            }
            if (leaseTtl != null && !(checkpoints instanceof LeasingCheckpointStore)) {
                throw new IllegalStateException("sync job '" + name + "' has lease(" + leaseTtl + ") but its checkpoint "
                        + "store " + checkpoints.getClass().getSimpleName() + " grants no leases; use a "
                        + "LeasingCheckpointStore such as jdbc.JdbcCheckpointStore, or drop lease()");
            }
            return new SyncJob<>(this);
        }
    }
}
