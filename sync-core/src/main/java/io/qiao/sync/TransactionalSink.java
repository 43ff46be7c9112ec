package io.qiao.sync;

import io.qiao.sync.store.Checkpoint;
import io.qiao.sync.store.CheckpointConflictException;
import io.qiao.sync.store.CheckpointStore;
import io.qiao.sync.record.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A sink that can commit a checkpoint in the same transaction as a batch (the JDBC sink, when the checkpoint
 * table lives in the same database): the batch and the checkpoint are durable together or not at all, so a
 * crash can neither lose records nor re-apply them.
 *
 * @param <T> the record type
 */
public interface TransactionalSink<T> extends Sink<T> {

    /**
     * Whether checkpoints of {@code store} can be committed in this sink's transactions (same database). A question
     * only: it changes nothing.
     */
    boolean canCommitWith(CheckpointStore store);

    /**
     * Writes the batch and, in the same transaction, compare-and-sets the job's checkpoint to
     * {@code position} from {@code expectedVersion}. Returns the new checkpoint together with the result.
     *
     * @throws CheckpointConflictException (with the batch rolled back) when the version moved
     */
    Committed<T> writeAndCommit(List<T> batch, String job, long expectedVersion, Position position);

    /**
     * {@link #writeAndCommit(List, String, long, Position)} that hands the batch's per-record rejections to
     * {@code beforeCommit} before the transaction commits, so that the engine stores them as dead letters
     * first: a crash can then never leave a checkpoint past a refused record that is in no dead-letter store.
     * If {@code beforeCommit} throws, nothing may be committed.
     *
     * <p>The engine always calls this method. The default learns the rejections with a plain {@link #write}
     * (idempotent), hands them over, then writes the accepted records again with the checkpoint: correct for
     * every sink, at the cost of writing every batch that commits a checkpoint twice (with windows that can say
     * their position after each batch, every batch). A sink that knows its rejections inside
     * its transaction should override it and call {@code beforeCommit} just before committing.
     */
    default Committed<T> writeAndCommit(List<T> batch, String job, long expectedVersion, Position position,
                                        Consumer<List<Rejection<T>>> beforeCommit) {
        WriteResult<T> first = write(batch);
        beforeCommit.accept(first.rejected());
        List<T> accepted = batch;
        if (!first.rejected().isEmpty()) {
            Set<T> refused = Collections.newSetFromMap(new IdentityHashMap<>());
            first.rejected().forEach(r -> refused.add(r.record()));
            accepted = new ArrayList<>(batch.size());
            for (T record : batch) {
                if (!refused.contains(record)) {
                    accepted.add(record);
                }
            }
        }
        Committed<T> committed = writeAndCommit(accepted, job, expectedVersion, position);
        List<Rejection<T>> all = new ArrayList<>(first.rejected());
        all.addAll(committed.result().rejected());
        // The first write is the one that changed the target; the second finds every record already present.
        WriteResult<T> second = committed.result();
        WriteResult<T> result = first.written() == second.written()
                ? new WriteResult<>(second.written(), all, first.created(), first.updated(), first.alreadyPresent())
                : new WriteResult<>(second.written(), all);
        return new Committed<>(result, committed.checkpoint());
    }

    /**
     * The call the engine makes: {@link #writeAndCommit(List, String, long, Position, Consumer)} with the job's
     * checkpoint store named, one that this sink said yes to in {@link #canCommitWith}. The default ignores
     * {@code store}, right for a sink that commits to one fixed store; a sink that can commit to several (the JDBC
     * sink, shared by jobs on different checkpoint tables) overrides it and commits to {@code store}.
     */
    default Committed<T> writeAndCommit(List<T> batch, CheckpointStore store, String job, long expectedVersion,
                                        Position position, Consumer<List<Rejection<T>>> beforeCommit) {
        return writeAndCommit(batch, job, expectedVersion, position, beforeCommit);
    }

    /** The outcome of {@link #writeAndCommit}. */
    record Committed<T>(WriteResult<T> result, Checkpoint checkpoint) {
    }
}
