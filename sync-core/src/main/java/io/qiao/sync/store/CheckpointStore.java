package io.qiao.sync.store;

import io.qiao.sync.Position;
import java.util.Optional;

/**
 * Keeps each job's {@link Checkpoint}. Implementations: in memory, a JSON file per job, a JDBC table.
 * Every implementation passes the same contract test suite.
 */
public interface CheckpointStore {

    /** The job's checkpoint, or empty when the job never committed one. */
    Optional<Checkpoint> load(String job);

    /**
     * Stores {@code position} if the stored version is still {@code expectedVersion} (0 when there is no
     * checkpoint yet), and returns the new checkpoint (version {@code expectedVersion + 1}).
     *
     * @throws CheckpointConflictException when another runner advanced the job in the meantime
     */
    Checkpoint compareAndSet(String job, long expectedVersion, Position position);
}
