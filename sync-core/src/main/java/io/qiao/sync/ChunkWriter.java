package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.record.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one chunk and commits the checkpoint it completes: the window's end after its last chunk; after any
 * other chunk, the window's position after the chunk's last record when the window can say it (so a crash redoes
 * at most one batch of a large window, not the whole window).
 *
 * <p>Two paths. Plain: write the batch (retried), store its refused records as dead letters, flush them, then
 * compare-and-set the checkpoint. Transactional, for a {@link TransactionalSink} that can commit with the job's
 * checkpoint store: the batch, its refused records' dead letters and the checkpoint commit in one transaction of
 * the sink (retried as a whole). Either way, a commit that conflicts after a retry is recognised as the run's own
 * earlier attempt whose answer was lost, and the engine never commits a watermark outside the sane range.
 *
 * <p>Writer thread only.
 */
final class ChunkWriter<I, O> {
    private final JobDefinition<I, O> job;
    private final RunRetry retry;
    private final DeadLetterRecorder<I, O> deadLetters;
    private final RunTally tally;
    private final RunEvents events;
    private final boolean transactional;
    private long version;
    private Position committed;
    /** How many records of the window being written the committed position covers (mid-window commits). */
    private long committedInWindow;

    /**
     * @param loaded the job's checkpoint when the run started, if any
     * @param transactional whether the job's sink commits checkpoints in its own transactions
     */
    ChunkWriter(JobDefinition<I, O> job, RunRetry retry, DeadLetterRecorder<I, O> deadLetters, RunTally tally,
                RunEvents events, Optional<Checkpoint> loaded, boolean transactional) {
        this.job = job;
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.tally = tally;
        this.events = events;
        this.transactional = transactional;
        this.version = loaded.map(Checkpoint::version).orElse(0L);
        this.committed = loaded.map(Checkpoint::position).orElse(null);
    }

    /** The position committed last (by this run, or before it); null when the job has none. */
    Position committed() {
        return committed;
    }

    /** A new window begins. */
    void startWindow() {
        committedInWindow = 0;
        deadLetters.startWindow();
    }

    /** Writes {@code chunk}, stores its dead letters and commits what it completes. */
    void write(Chunk<I, O> chunk) {
        tally.skipped(chunk.skipped);
        deadLetters.rejected(chunk);
        Position commit = chunk.last ? chunk.window.window().endPosition() : midWindowPosition(chunk);
        if (transactional && commit != null && !chunk.records.isEmpty()) {
            writeAndCommit(chunk, commit);
            return;
        }
        if (!chunk.records.isEmpty()) {
            WriteResult<?> result = retry.get(RunStep.WRITE_BATCH, attempt -> writeBatch(chunk.records));
            tally.wrote(result);
            for (Rejection<?> r : result.rejected()) {
                deadLetters.refusedBySink(chunk, r);
            }
            written(chunk, result);
        }
        if (commit != null) {
            deadLetters.flush();
            checkCommit(commit);
            Checkpoint cp = retry.get(RunStep.COMMIT_CHECKPOINT, attempt -> compareAndSet(attempt, commit));
            committed(chunk, cp);
        }
    }

    /**
     * The position inside the window after {@code chunk}, if committing it moves the checkpoint forward: null when
     * the window has none, and for the batches a retried read of the window delivers again up to where the
     * checkpoint already is (their positions lie behind it).
     */
    private Position midWindowPosition(Chunk<I, O> chunk) {
        Position p = chunk.position;
        if (p == null || chunk.endIndex <= committedInWindow) {
            return null;
        }
        if (committed != null && (p.watermark().isBefore(committed.watermark()) || p.equals(committed))) {
            return null; // e.g. records of the overlap before the committed watermark
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private WriteResult<?> writeBatch(List<O> records) {
        WriteResult<?> result = ((Sink<O>) job.sink()).write(records);
        if (result == null) {
            throw new SyncException("the sink returned no WriteResult for a batch of " + records.size());
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private void writeAndCommit(Chunk<I, O> chunk, Position end) {
        TransactionalSink<O> sink = (TransactionalSink<O>) job.sink();
        checkCommit(end);
        long expected = version;
        List<Rejection<O>> storedBeforeCommit = new ArrayList<>();
        deadLetters.flush();
        TransactionalSink.Committed<O> c = retry.get(RunStep.WRITE_BATCH_AND_COMMIT, attempt -> {
            try {
                return sink.writeAndCommit(chunk.records, job.checkpoints(), job.name(), expected, end, rejected -> {
                    // inside the sink's transaction: the refused records become durable dead letters first
                    for (Rejection<O> r : rejected) {
                        deadLetters.refusedBySink(chunk, r);
                        storedBeforeCommit.add(r);
                    }
                    deadLetters.flushOnce();
                });
            } catch (CheckpointConflictException e) {
                Optional<Checkpoint> ours = committedByEarlierAttempt(attempt, expected, end);
                if (ours.isEmpty()) {
                    throw e;
                }
                // An earlier attempt committed but its answer was lost; writing again (idempotent) recovers
                // the sink's per-record rejections. Not its classification: this write finds the records
                // the lost attempt created "already present", which is not what this run did to the target.
                WriteResult<O> again = sink.write(chunk.records);
                return new TransactionalSink.Committed<>(new WriteResult<>(again.written(), again.rejected()),
                        ours.get());
            }
        });
        tally.wrote(c.result());
        for (Rejection<O> r : c.result().rejected()) {
            if (!containsIdentity(storedBeforeCommit, r)) {
                deadLetters.refusedBySink(chunk, r); // a sink that reported it only after committing
            }
        }
        deadLetters.flushOnce();
        written(chunk, c.result());
        committed(chunk, c.checkpoint());
    }

    private void written(Chunk<I, O> chunk, WriteResult<?> result) {
        int rejected = result.rejected().size();
        events.emit(l -> l.batchWritten(job.name(), chunk.window.describe(), result.written(), rejected));
        deadLetters.resolveDelivered(chunk, result);
    }

    /** The engine never commits a checkpoint outside the sane range; the run fails before it would. */
    private void checkCommit(Position end) {
        Instant now = job.clock().instant();
        if (!Checkpoint.isSane(end, now)) {
            throw new SyncException("job '" + job.name() + "' would commit watermark " + end.watermark() + ", outside "
                    + Checkpoint.saneRange(now) + "; the checkpoint stays at "
                    + (committed == null ? "none" : committed.watermark()) + " (is the source's clock or data wrong?)");
        }
    }

    private Checkpoint compareAndSet(int attempt, Position end) {
        long expected = version;
        try {
            return job.checkpoints().compareAndSet(job.name(), expected, end);
        } catch (CheckpointConflictException e) {
            return committedByEarlierAttempt(attempt, expected, end).orElseThrow(() -> e);
        }
    }

    /** After a retry, a conflict may be our own earlier attempt whose answer was lost. */
    private Optional<Checkpoint> committedByEarlierAttempt(int attempt, long expected, Position end) {
        if (attempt == 1) {
            return Optional.empty();
        }
        return job.checkpoints().load(job.name()).filter(c -> c.version() == expected + 1 && c.position().equals(end));
    }

    private void committed(Chunk<I, O> chunk, Checkpoint cp) {
        version = cp.version();
        committed = cp.position();
        if (!chunk.last) {
            committedInWindow = chunk.endIndex; // listeners hear of windows done, not of each batch
            return;
        }
        tally.windowCommitted();
        events.emit(l -> l.checkpointCommitted(job.name(), chunk.window.describe(), cp));
    }

    private static boolean containsIdentity(List<?> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }
}
