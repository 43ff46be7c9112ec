package io.qiao.sync;

import java.util.List;

/**
 * A sink that can commit a checkpoint in the same transaction as a batch (the JDBC sink, when the checkpoint
 * table lives in the same database): the batch and the checkpoint are durable together or not at all, so a
 * crash can neither lose records nor re-apply them.
 *
 * @param <T> the record type
 */
public interface TransactionalSink<T> extends Sink<T> {

    /**
     * Whether checkpoints of {@code store} can be committed in this sink's transactions (same database).
     */
    boolean canCommitWith(CheckpointStore store);

    /**
     * Writes the batch and, in the same transaction, compare-and-sets the job's checkpoint to
     * {@code position} from {@code expectedVersion}. Returns the new checkpoint together with the result.
     *
     * @throws CheckpointConflictException (with the batch rolled back) when the version moved
     */
    Committed<T> writeAndCommit(List<T> batch, String job, long expectedVersion, Position position);

    /** The outcome of {@link #writeAndCommit}. */
    record Committed<T>(WriteResult<T> result, Checkpoint checkpoint) {
    }
}
