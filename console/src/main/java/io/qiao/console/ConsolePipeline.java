package io.qiao.console;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.Position;
import io.qiao.sync.ReplayReport;
import io.qiao.sync.SyncJob;
import io.qiao.sync.observe.SyncStatus;
import io.qiao.sync.observe.SyncStatusStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline as the console sees it: what it reads (status, checkpoint, dead letters, whether a run is live) and
 * the three write actions. A host with {@link SyncJob}s uses {@link #of(SyncJob, SyncStatusStore)}; the {@code qiao}
 * CLI implements it over its state directory, where a replay needs a job built only when asked for.
 */
public interface ConsolePipeline {

    /** The pipeline's (job's) name, as in its status and dead letters. */
    String name();

    /** Its totals and last run; {@link SyncStatus#initial(String)} before the first run. */
    SyncStatus status();

    /** Its committed checkpoint, or empty before the first committed window. */
    Optional<Checkpoint> checkpoint();

    /** Where its dead letters are. */
    DeadLetterStore deadLetters();

    /** Who runs it right now (a scheduled run's holder), or empty when no run is live. */
    Optional<String> runningBy();

    /** Replays the given open dead letters, or the oldest {@code limit} open ones when {@code ids} is empty. */
    ReplayReport replay(List<String> ids, int limit);

    /** Moves the checkpoint to {@code watermark}: the next run reads from there. */
    Checkpoint reset(Instant watermark);

    /** Deletes resolved dead letters (all of them when {@code resolvedOnly} is false); returns how many. */
    default int purge(boolean resolvedOnly) {
        return deadLetters().purge(name(), resolvedOnly);
    }

    /**
     * Compares the source with the target over [{@code from}, {@code to}). Pipelines without a reconciliation
     * throw {@link UnsupportedOperationException} (the default).
     */
    default ReconcileResult reconcile(Instant from, Instant to) {
        throw new UnsupportedOperationException("pipeline '" + name() + "' has no reconciliation");
    }

    /** A job of a host (e.g. a Spring Boot application) with the status store its {@code SyncStatusListener} writes. */
    static ConsolePipeline of(SyncJob<?, ?> job, SyncStatusStore statuses) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(statuses, "statuses");
        return new ConsolePipeline() {
            @Override
            public String name() {
                return job.name();
            }

            @Override
            public SyncStatus status() {
                return statuses.load(job.name()).orElse(SyncStatus.initial(job.name()));
            }

            @Override
            public Optional<Checkpoint> checkpoint() {
                return job.admin().checkpoint();
            }

            @Override
            public DeadLetterStore deadLetters() {
                return job.deadLetters();
            }

            @Override
            public Optional<String> runningBy() {
                return job.isRunning() ? Optional.of("this application") : Optional.empty();
            }

            @Override
            public ReplayReport replay(List<String> ids, int limit) {
                return ids.isEmpty() ? job.admin().replayOpen(limit) : job.admin().replay(ids);
            }

            @Override
            public Checkpoint reset(Instant watermark) {
                return job.admin().resetCheckpoint(new Position(watermark, null));
            }

            @Override
            public String toString() {
                return "ConsolePipeline[" + job.name() + "]";
            }
        };
    }
}
