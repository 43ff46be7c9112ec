package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.internal.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator does to a job's stored state between runs: replay its dead letters, read or move its
 * checkpoint, purge and summarise its dead letters. Obtained from {@link SyncJob#admin()}; it works on the job's
 * own stores under the job's name, and never while the job runs where that would race a commit.
 *
 * <pre>{@code
 * SyncJobAdmin<Doc, DocRow> admin = job.admin();
 * admin.replayOpen(100);
 * admin.resetCheckpoint(Position.at(Instant.parse("2024-05-01T00:00:00Z")));
 * }</pre>
 *
 * <p>Thread-safe as far as the job's stores are.
 *
 * @param <I> the source record type
 * @param <O> the sink record type
 */
public final class SyncJobAdmin<I, O> {
    private final SyncJob<I, O> job;

    SyncJobAdmin(SyncJob<I, O> job) {
        this.job = job;
    }

    /**
     * Re-runs validation, mapping and writing with today's code for the chosen open dead letters of this job.
     * A record that now goes through is marked resolved; one that fails again has its entry updated (reasons,
     * last seen, attempts). The checkpoint does not move.
     *
     * <p>A replay writes the payload stored with the entry. If the record has since been changed at the source
     * and synced again, that newer state is already in the sink: purge such entries rather than replay them,
     * or the older payload would overwrite it (sinks upsert by key).
     */
    public ReplayReport replay(List<String> ids) {
        Objects.requireNonNull(ids, "ids");
        List<DeadLetter> chosen = new ArrayList<>();
        for (String id : ids) {
            job.deadLetters().find(job.name(), id).filter(d -> !d.resolved()).ifPresent(chosen::add);
        }
        return new Replay<>(job.definition()).replay(chosen);
    }

    /** {@link #replay(List)} for the oldest {@code limit} open dead letters of this job. */
    public ReplayReport replayOpen(int limit) {
        return new Replay<>(job.definition()).replay(job.deadLetters().list(job.name(), false, limit));
    }

    /** The job's committed checkpoint, or empty before its first committed window. */
    public Optional<Checkpoint> checkpoint() {
        return job.checkpoints().load(job.name());
    }

    /**
     * Moves the job's checkpoint to {@code position}, e.g. back to re-read a period after fixing a mapping
     * (sinks are idempotent, so re-reading is safe). Refused while this job runs; a runner elsewhere that
     * commits meanwhile makes it fail with {@link CheckpointConflictException} rather than be overwritten.
     *
     * @throws IllegalArgumentException when the watermark is outside the {@link Checkpoint sane range}
     * @throws IllegalStateException when this job is running
     */
    public Checkpoint resetCheckpoint(Position position) {
        Objects.requireNonNull(position, "position");
        Instant now = job.clock().instant();
        if (!Checkpoint.isSane(position, now)) {
            throw new IllegalArgumentException("cannot reset job '" + job.name() + "' to watermark "
                    + position.watermark() + ": a checkpoint's watermark must lie in " + Checkpoint.saneRange(now));
        }
        if (job.isRunning()) {
            throw new IllegalStateException("job '" + job.name() + "' is running; reset its checkpoint when it is idle");
        }
        long version = checkpoint().map(Checkpoint::version).orElse(0L);
        return job.checkpoints().compareAndSet(job.name(), version, position);
    }

    /** Deletes this job's dead letters (resolved ones only, or all); returns how many. */
    public int purgeDeadLetters(boolean resolvedOnly) {
        return job.deadLetters().purge(job.name(), resolvedOnly);
    }

    /** Open dead letters last seen within {@code lookback} of now, grouped by normalised reason. */
    public Map<String, Long> deadLetterSummary(Duration lookback) {
        Instant now = job.clock().instant();
        // Stores keep milliseconds and databases compare microseconds: the end is the next millisecond, so that
        // what was recorded in this one counts (now + 1 ns was now itself on MariaDB and PostgreSQL).
        Instant end = now.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        return job.deadLetters().summary(job.name(), now.minus(Limits.nonNegative(lookback, "lookback")), end);
    }

    @Override
    public String toString() {
        return "SyncJobAdmin{" + job.name() + "}";
    }
}
